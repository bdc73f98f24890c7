#!/usr/bin/env node
// `pnpm bench`: calls per second through the built client against raw fetch, on the same local
// node:http server (in its own process), then the bundle size of small apps. Needs `pnpm build`
// (turbo's bench task depends on it).
//
// The machine may be shared, so the tasks run in many short chunks (BENCH_CHUNKS rounds, default
// 200), interleaved, and each figure is a median over rounds: a burst of load from elsewhere then
// hits every task alike instead of one. The CPU time of this process per call is shown too.
// Two diagnostic rows show where time goes: raw fetch with a per-attempt timeout signal (what any
// client with timeouts pays) and the fetch client that @hey-api/openapi-ts generates, which the
// package does not use (src/core/transport.ts says why); it is bundled from src/generated here.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { API_VERSION, Aurous } from '../dist/index.js';

const ID = 'char_01HXMQ7Z3K8Y2NABCDEFGHJKMR';
const API_KEY = `al_live_${'a'.repeat(64)}`;
const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 200);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Wall seconds and CPU microseconds (this process) per call, for `calls` calls `inFlight` at a time. */
async function chunk(fn, calls, inFlight) {
  let left = calls;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (left-- > 0) await fn();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000 / calls, cpu: (used.user + used.system) / calls };
}

/** The generated hey-api fetch client, bundled on the fly (it is not part of dist/). */
async function heyApiClient(baseUrl) {
  const outfile = here('../.tmp/bench-hey-api-client.mjs');
  await build({ entryPoints: [here('../src/generated/client/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent' });
  const { createClient } = await import(outfile);
  return createClient({ baseUrl });
}

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Runs every task in `CHUNKS` rounds of one chunk each. A task's ratio is the median over rounds of
 * (raw fetch's time / the task's time) within the same round: pairing chunks that ran seconds apart
 * at most cancels the slow drifts of a shared machine, which a ratio of two medians would not.
 */
async function throughput(tasks, { calls, inFlight }) {
  for (const fn of Object.values(tasks)) await chunk(fn, 300, inFlight); // warm-up
  const names = Object.keys(tasks);
  const rounds = [];
  for (let i = 0; i < CHUNKS; i++) {
    const round = {};
    // Rotate the order too, so that no task always follows the same one (GC debt, caches).
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      round[name] = await chunk(tasks[name], calls, inFlight);
    }
    rounds.push(round);
  }
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        rate: 1 / median(rounds.map((round) => round[name].wall)),
        ratio: median(rounds.map((round) => round['raw fetch'].wall / round[name].wall)),
        cpu: median(rounds.map((round) => round[name].cpu)),
      },
    ]),
  );
}

async function bundleSize(app) {
  const result = await build({
    entryPoints: [here(`./apps/${app}.mjs`)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    alias: { '@aurous/client': here('../dist/index.js') },
  });
  const bytes = result.outputFiles[0].contents;
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

const server = fork(here('./server.mjs'), { stdio: 'inherit' });
const { port } = await new Promise((resolve) => server.once('message', resolve));
const baseUrl = `http://127.0.0.1:${port}`;
const url = `${baseUrl}/v1/characters/${ID}`;
const headers = { 'X-Api-Key': API_KEY, 'Aurous-Version': API_VERSION };
const plain = new Aurous({ apiKey: API_KEY, baseUrl, validateResponses: false });
const validating = new Aurous({ apiKey: API_KEY, baseUrl });
const untimed = new Aurous({ apiKey: API_KEY, baseUrl, validateResponses: false, timeoutMs: 0 });
const heyApi = await heyApiClient(baseUrl);
const tasks = {
  'raw fetch': async () => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(String(response.status));
    await response.json();
  },
  '  raw fetch + timeout': async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    const response = await fetch(url, { headers, signal: controller.signal });
    await response.json();
    clearTimeout(timer);
  },
  '  hey-api fetch client': () =>
    heyApi.get({ url: '/v1/characters/{id}', path: { id: ID }, headers, throwOnError: true }),
  'client, validation off': () => plain.characters.get(ID),
  'client, validation on': () => validating.characters.get(ID),
  '  client, no validation, no timeout': () => untimed.characters.get(ID),
};

let rates;
let concurrentRates;
try {
  rates = await throughput(tasks, { calls: 100, inFlight: 1 });
  concurrentRates = await throughput(tasks, { calls: 400, inFlight: 16 });
} finally {
  server.disconnect();
}

for (const [title, table] of [
  ['one call at a time', rates],
  ['16 calls in flight', concurrentRates],
]) {
  console.log(`\n${title} (medians of ${CHUNKS} rounds of interleaved chunks, Node ${process.versions.node})`);
  for (const [name, { rate, ratio, cpu }] of Object.entries(table)) {
    console.log(
      `  ${name.padEnd(36)} ${rate.toFixed(0).padStart(6)} calls/s  ${ratio.toFixed(2)}× raw fetch` +
        `   ${cpu.toFixed(0).padStart(4)} µs CPU/call`,
    );
  }
}
const off = rates['client, validation off'].ratio;
const on = rates['client, validation on'].ratio;
console.log(
  `\nTargets (one call at a time): validation off ${off.toFixed(2)}× vs ≥ 0.90×: ${verdict(off >= 0.9)}; ` +
    `validation on ${on.toFixed(2)}× vs ≥ 0.80×: ${verdict(on >= 0.8)}`,
);

console.log('\nBundle size of a small app (esbuild, minified, gzip -9)');
const sizes = {};
for (const app of ['one-operation', 'one-operation-validated', 'full-client']) {
  sizes[app] = await bundleSize(app);
  console.log(`  ${app.padEnd(26)} ${kB(sizes[app].minified).padStart(9)} min  ${kB(sizes[app].gzip).padStart(9)} gzip`);
}
const small = sizes['one-operation'].gzip;
console.log(`Target: one operation without validators ${kB(small)} vs ≤ 6 kB gzip: ${verdict(small <= 6000)}`);
