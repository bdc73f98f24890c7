#!/usr/bin/env node
// `pnpm bench`: calls per second through the built client against raw fetch, on the same local
// node:http server, then the bundle size of small apps. Needs `pnpm build` (turbo's bench depends on it).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Bench } from 'tinybench';
import { Aurous } from '../dist/index.js';

const ID = 'char_01HXMQ7Z3K8Y2NABCDEFGHJKMR';
const API_KEY = `al_live_${'a'.repeat(64)}`;
const ROUNDS = 3;
const CONCURRENCY = 16;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

async function throughput() {
  const server = fork(here('./server.mjs'), { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => server.once('message', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const plain = new Aurous({ apiKey: API_KEY, baseUrl, validateResponses: false });
  const validating = new Aurous({ apiKey: API_KEY, baseUrl });
  const tasks = {
    'raw fetch': async () => {
      const response = await fetch(`${baseUrl}/v1/characters/${ID}`, {
        headers: { 'X-Api-Key': API_KEY, 'Aurous-Version': '2026-05-15' },
      });
      if (!response.ok) throw new Error(String(response.status));
      await response.json();
    },
    'client, validation off': () => plain.characters.get(ID),
    'client, validation on': () => validating.characters.get(ID),
  };
  // Rounds interleave the tasks so that drift of the machine hits all of them; the median round counts.
  const sequential = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
  const concurrent = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const bench = new Bench({ time: 2_000, warmupTime: 300 });
      for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
      await bench.run();
      for (const task of bench.tasks) sequential[task.name].push(1000 / task.result.period);
      for (const [name, fn] of Object.entries(tasks)) concurrent[name].push(await closedLoop(fn));
    }
  } finally {
    server.disconnect();
  }
  const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
  const medians = (samples) => Object.fromEntries(Object.entries(samples).map(([name, v]) => [name, median(v)]));
  return { sequential: medians(sequential), concurrent: medians(concurrent) };
}

/** Calls per second with `CONCURRENCY` calls always in flight: the client's CPU cost shows fully. */
async function closedLoop(fn, durationMs = 2_000) {
  const warmEnd = performance.now() + 300;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (performance.now() < warmEnd) await fn(); }));
  let calls = 0;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await fn();
        calls++;
      }
    }),
  );
  return (calls * 1000) / (performance.now() - started);
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

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');

const results = await throughput();
for (const [mode, rates] of Object.entries(results)) {
  const raw = rates['raw fetch'];
  const label = mode === 'sequential' ? 'one call at a time' : `${CONCURRENCY} calls in flight`;
  console.log(`\nThroughput, ${label}, median of ${ROUNDS} rounds (Node ${process.versions.node})`);
  for (const [name, rate] of Object.entries(rates)) {
    console.log(`  ${name.padEnd(24)} ${rate.toFixed(0).padStart(6)} calls/s   ${(rate / raw).toFixed(2)}× raw fetch`);
  }
  const off = rates['client, validation off'] / raw;
  const on = rates['client, validation on'] / raw;
  console.log(`  validation off ${off.toFixed(2)}× (target ≥ 0.90×: ${verdict(off >= 0.9)})`);
  console.log(`  validation on  ${on.toFixed(2)}× (target ≥ 0.80×: ${verdict(on >= 0.8)})`);
}

console.log('\nBundle size of a small app (esbuild, minified, gzip -9)');
const sizes = {};
for (const app of ['one-operation', 'one-operation-validated', 'full-client']) {
  sizes[app] = await bundleSize(app);
  console.log(`  ${app.padEnd(24)} ${kB(sizes[app].minified).padStart(9)} min   ${kB(sizes[app].gzip).padStart(9)} gzip`);
}
const small = sizes['one-operation'].gzip;
console.log(`  one operation without validators: ${kB(small)} gzip (target ≤ 6 kB: ${verdict(small <= 6000)})`);
