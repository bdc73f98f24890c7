#!/usr/bin/env node
// `pnpm bench`: calls per second through the built client against raw fetch, on the same local
// node:http server (in its own process), then the bundle size of small apps. Needs `pnpm build`
// (turbo's bench task depends on it).
//
// The machine may be shared, so every figure is the best of several interleaved rounds (the least
// disturbed one), and next to wall-clock calls/s the bench reports the client process's CPU time
// per call, which other processes disturb much less.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Aurous } from '../dist/index.js';

const ID = 'char_01HXMQ7Z3K8Y2NABCDEFGHJKMR';
const API_KEY = `al_live_${'a'.repeat(64)}`;
const ROUNDS = 5;
const ROUND_MS = 1_500;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Runs `fn` with `inFlight` calls always pending for `ms`; returns calls/s and CPU µs per call. */
async function measure(fn, inFlight, ms) {
  const loop = async (until, onCall) => {
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < until) {
          await fn();
          onCall();
        }
      }),
    );
  };
  await loop(performance.now() + 200, () => {}); // warm-up
  let calls = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await loop(started + ms, () => calls++);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { perSecond: (calls * 1000) / wall, cpuPerCall: (used.user + used.system) / calls };
}

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
  const names = Object.keys(tasks);
  const best = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so that no task always runs right after another one.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const mode of ['sequential', 'concurrent']) {
        for (const name of order) {
          const result = await measure(tasks[name], mode === 'sequential' ? 1 : 16, ROUND_MS);
          const key = `${mode}/${name}`;
          best[key] = {
            perSecond: Math.max(best[key]?.perSecond ?? 0, result.perSecond),
            cpuPerCall: Math.min(best[key]?.cpuPerCall ?? Infinity, result.cpuPerCall),
          };
        }
      }
    }
  } finally {
    server.disconnect();
  }
  return best;
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

const best = await throughput();
const ratios = {};
for (const mode of ['sequential', 'concurrent']) {
  const label = mode === 'sequential' ? 'one call at a time' : '16 calls in flight';
  console.log(`\n${label} (best of ${ROUNDS} rounds, Node ${process.versions.node})`);
  const raw = best[`${mode}/raw fetch`];
  for (const name of ['raw fetch', 'client, validation off', 'client, validation on']) {
    const { perSecond, cpuPerCall } = best[`${mode}/${name}`];
    ratios[`${mode}/${name}`] = perSecond / raw.perSecond;
    console.log(
      `  ${name.padEnd(24)} ${perSecond.toFixed(0).padStart(6)} calls/s  ${(perSecond / raw.perSecond).toFixed(2)}×` +
        `   CPU ${cpuPerCall.toFixed(0).padStart(4)} µs/call  ${(raw.cpuPerCall / cpuPerCall).toFixed(2)}× raw's calls per CPU second`,
    );
  }
}
const off = ratios['sequential/client, validation off'];
const on = ratios['sequential/client, validation on'];
console.log(`\nTargets (calls/s, one call at a time): validation off ${off.toFixed(2)}× ≥ 0.90× ${verdict(off >= 0.9)};` +
  ` validation on ${on.toFixed(2)}× ≥ 0.80× ${verdict(on >= 0.8)}`);

console.log('\nBundle size of a small app (esbuild, minified, gzip -9)');
const sizes = {};
for (const app of ['one-operation', 'one-operation-validated', 'full-client']) {
  sizes[app] = await bundleSize(app);
  console.log(`  ${app.padEnd(24)} ${kB(sizes[app].minified).padStart(9)} min   ${kB(sizes[app].gzip).padStart(9)} gzip`);
}
const small = sizes['one-operation'].gzip;
console.log(`Target: one operation without validators ${kB(small)} ≤ 6 kB gzip ${verdict(small <= 6000)}`);
