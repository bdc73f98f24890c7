// The benchmark's tasks: each makes one GET /v1/characters/{id} call and reads the body. `raw fetch`
// is the baseline every other task is compared with; the indented names are diagnostic rows.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { API_VERSION, Aurous } from '../dist/index.js';

export const ID = 'char_01HXMQ7Z3K8Y2NABCDEFGHJKMR';
const API_KEY = `al_live_${'a'.repeat(64)}`;

/** The generated hey-api fetch client, bundled on the fly (it is not part of dist/). */
async function heyApiClient(baseUrl) {
  const here = (path) => fileURLToPath(new URL(path, import.meta.url));
  const outfile = here('../.tmp/bench-hey-api-client.mjs');
  await build({ entryPoints: [here('../src/generated/client/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent' });
  const { createClient } = await import(outfile);
  return createClient({ baseUrl });
}

const headers = { 'X-Api-Key': API_KEY, 'Aurous-Version': API_VERSION };

/** Builds the named task against `baseUrl`: only that one, so a process holds one HTTP stack besides fetch. */
const factories = {
  'raw fetch': (baseUrl) => {
    const url = `${baseUrl}/v1/characters/${ID}`;
    return async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(String(response.status));
      await response.json();
    };
  },
  'client, validation off': (baseUrl) => {
    const client = new Aurous({ apiKey: API_KEY, baseUrl, validateResponses: false });
    return () => client.characters.get(ID);
  },
  'client, validation on': (baseUrl) => {
    const client = new Aurous({ apiKey: API_KEY, baseUrl });
    return () => client.characters.get(ID);
  },
  '  client, no validation, no timeout': (baseUrl) => {
    const client = new Aurous({ apiKey: API_KEY, baseUrl, validateResponses: false, timeoutMs: 0 });
    return () => client.characters.get(ID);
  },
  '  raw fetch + per-call timeout': (baseUrl) => {
    const url = `${baseUrl}/v1/characters/${ID}`;
    return async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 60_000);
      const response = await fetch(url, { headers, signal: controller.signal });
      await response.json();
      clearTimeout(timer);
    };
  },
  '  hey-api fetch client': async (baseUrl) => {
    const heyApi = await heyApiClient(baseUrl);
    return () => heyApi.get({ url: '/v1/characters/{id}', path: { id: ID }, headers, throwOnError: true });
  },
};

export const TASK_NAMES = Object.keys(factories);
export const createTask = (name, baseUrl) => factories[name](baseUrl);
