// The benchmark's tasks: each makes one GET /v1/characters/{id} call, checks the status and reads
// the body. `raw fetch` is the baseline every other task is compared with.
import { fileURLToPath } from 'node:url';
import { API_VERSION, Aurous } from '../dist/index.js';

const ID = 'char_01HXMQ7Z3K8Y2NABCDEFGHJKMR';
const API_KEY = `al_live_${'a'.repeat(64)}`;
const headers = { 'X-Api-Key': API_KEY, 'Aurous-Version': API_VERSION };

/** The generated hey-api fetch client, bundled on the fly (it is not part of dist/). */
async function heyApiClient(baseUrl) {
  const { build } = await import('esbuild');
  const here = (path) => fileURLToPath(new URL(path, import.meta.url));
  const outfile = here(`../.tmp/bench-hey-api-client-${process.pid}.mjs`);
  await build({ entryPoints: [here('../src/generated/client/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent' });
  const { createClient } = await import(outfile);
  return createClient({ baseUrl });
}

const rawFetch = (baseUrl) => {
  const url = `${baseUrl}/v1/characters/${ID}`;
  return async () => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await response.json();
  };
};

const client = (options) => (baseUrl) => {
  const aurous = new Aurous({ apiKey: API_KEY, baseUrl, ...options });
  return () => aurous.characters.get(ID);
};

const factories = {
  'raw fetch': rawFetch,
  'client, validation off': client({ validateResponses: false }),
  'client, validation on': client({}),
  'client, no validation, no timeout': client({ validateResponses: false, timeoutMs: 0 }),
  // What a client pays for its timeouts without coalescing them: a controller and a timer per call.
  'raw fetch + per-call timeout': (baseUrl) => {
    const url = `${baseUrl}/v1/characters/${ID}`;
    return async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 60_000);
      try {
        const response = await fetch(url, { headers, signal: controller.signal });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await response.json();
      } finally {
        clearTimeout(timer);
      }
    };
  },
  'hey-api fetch client': async (baseUrl) => {
    const heyApi = await heyApiClient(baseUrl);
    return () => heyApi.get({ url: '/v1/characters/{id}', path: { id: ID }, headers, throwOnError: true });
  },
};

export const TASK_NAMES = Object.keys(factories);
export const createTask = (name, baseUrl) => factories[name](baseUrl);
