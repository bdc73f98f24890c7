// The benchmark's tasks: each makes one GET /v1/characters/{id} call, checks the status and reads
// the body. `raw fetch` is the baseline every other task is compared with.
import { pathToFileURL } from "node:url";
import { API_VERSION, Aurous } from "../dist/index.js";
import { API_KEY, CHARACTER_ID, HEY_API_CLIENT_ENV } from "./fixture.mjs";

const headers = { "X-Api-Key": API_KEY, "Aurous-Version": API_VERSION };
const path = `/v1/characters/${CHARACTER_ID}`;

const rawFetch = (baseUrl) => async () => {
  const response = await fetch(baseUrl + path, { headers });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  await response.json();
};

const client = (options) => (baseUrl) => {
  const aurous = new Aurous({ apiKey: API_KEY, baseUrl, ...options });
  return () => aurous.characters.get(CHARACTER_ID);
};

const factories = {
  "raw fetch": rawFetch,
  "client, validation off": client({ validateResponses: false }),
  "client, validation on": client({}),
  // The client's timeout is opt-in; with one, every request carries an AbortSignal.
  "client, validation off, 30 s timeout": client({ validateResponses: false, timeoutMs: 30_000 }),
  // What a client pays for its timeouts without coalescing them: a controller and a timer per call.
  "raw fetch + per-call timeout": (baseUrl) => async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const response = await fetch(baseUrl + path, { headers, signal: controller.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await response.json();
    } finally {
      clearTimeout(timer);
    }
  },
  "hey-api fetch client": async (baseUrl) => {
    const { createClient } = await import(pathToFileURL(process.env[HEY_API_CLIENT_ENV]).href);
    const heyApi = createClient({ baseUrl });
    return () => heyApi.get({ url: "/v1/characters/{id}", path: { id: CHARACTER_ID }, headers, throwOnError: true });
  },
};

export const createTask = (name, baseUrl) => factories[name](baseUrl);
