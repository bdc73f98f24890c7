#!/usr/bin/env node
// `pnpm bench`: calls per second through the built client against raw fetch, on the same local
// node:http server (in its own process), then the bundle size of small apps. Needs `pnpm build`
// (turbo's bench task depends on it).
//
// Each row is measured in a process of its own (bench/pair.mjs) that runs raw fetch and that one
// task alternately, after 5,000 warm-up calls each, in BENCH_ROUNDS rounds of one short chunk each:
// a burst of load from elsewhere on a shared machine then hits both alike. A row's ratio is its calls/s over raw fetch's calls/s in the
// same process, totals over all rounds; the quartiles of the per-round ratios show the noise. The
// CPU time of the client process per call is shown too. Diagnostic rows (indented) show where time
// goes: raw fetch with a timer and an AbortController per call (what a client with timeouts pays
// without coalescing them), the client without its timeout, and the fetch client that
// @hey-api/openapi-ts generates, which the package does not use (src/core/transport.ts says why).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { TASK_NAMES } from './tasks.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

function comparePair(settings) {
  return new Promise((resolve, reject) => {
    const child = fork(here('./pair.mjs'), [JSON.stringify(settings)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result;
    child.once('message', (message) => (result = message));
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`${settings.task}: exited with ${code}`))));
  });
}

/** Every task against raw fetch, one process per task, one after the other. */
async function throughput(baseUrl, { calls, inFlight, rounds }) {
  const rows = {};
  for (const task of TASK_NAMES.filter((name) => name !== 'raw fetch')) {
    rows[task] = await comparePair({ baseUrl, task, calls, inFlight, rounds });
  }
  const raw = Object.values(rows);
  return {
    'raw fetch': { rate: median(raw.map((row) => row.rawRate)), ratio: 1, cpu: median(raw.map((row) => row.rawCpu)) },
    ...Object.fromEntries(Object.entries(rows).map(([task, row]) => [task, { ...row, ratio: row.rate / row.rawRate }])),
  };
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
const settings = [
  ['one call at a time', { calls: 100, inFlight: 1, rounds: ROUNDS }],
  ['16 calls in flight', { calls: 400, inFlight: 16, rounds: Math.ceil(ROUNDS / 2) }],
];
const tables = [];
try {
  for (const [title, options] of settings) tables.push([title, options, await throughput(baseUrl, options)]);
} finally {
  server.disconnect();
}

for (const [title, { rounds }, table] of tables) {
  console.log(`\n${title} (${rounds} rounds of paired chunks, one process per row, Node ${process.versions.node})`);
  for (const [name, { rate, ratio, cpu, spread }] of Object.entries(table)) {
    const rounds = spread ? `  rounds ${spread.map((x) => x.toFixed(2)).join('–')}` : '';
    console.log(
      `  ${name.padEnd(36)} ${rate.toFixed(0).padStart(6)} calls/s  ${ratio.toFixed(2)}× raw fetch` +
        `   ${cpu.toFixed(0).padStart(4)} µs CPU/call${rounds}`,
    );
  }
}
const rates = tables[0][2];
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
