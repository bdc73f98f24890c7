#!/usr/bin/env node
// `pnpm bench`: calls per second through the built client against raw fetch, on the same local
// node:http server (in its own process), then the bundle size of small apps. Needs `pnpm build`
// (turbo's bench task depends on it).
//
// Raw fetch and each task run in processes of their own (worker.mjs), so that neither pays for the
// other's garbage, timers or JIT state, and take turns, chunk by chunk, as this script asks. Each
// row is BENCH_FORKS fresh pairs of processes (default 3): each pair warms up with BENCH_WARM_UP
// calls per side (default 5,000, so that V8 has optimized both paths, as in a long-running
// integration), then runs BENCH_ROUNDS rounds (default 24) of one chunk per side. Taking turns makes
// a burst of load from elsewhere on a shared machine hit both alike; fresh pairs average out each
// process's JIT luck. A ratio is the task's calls/s over raw fetch's in the same rounds (total calls
// over total time), with a bootstrap 95 % interval; a second raw-fetch process, measured the same
// way as a control, shows what the method reads for two identical tasks.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const FORKS = Number(process.env.BENCH_FORKS ?? 3);
const ROUNDS = 2 * Math.ceil(Number(process.env.BENCH_ROUNDS ?? 24) / 2);
const WARM_UP_CALLS = Number(process.env.BENCH_WARM_UP ?? 5_000);
// A chunk takes well under a second; a stalled server must not hang the bench for undici's 300 s.
const CHUNK_TIMEOUT_MS = 60_000;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** The rows after raw fetch: [label, task]; indented labels are diagnostics. */
const ROWS = [
  ['client, validation off', 'client, validation off'],
  ['client, validation on', 'client, validation on'],
  ['  raw fetch, second process (control)', 'raw fetch'],
  ['  client, no validation, no timeout', 'client, no validation, no timeout'],
  ['  raw fetch + per-call timeout', 'raw fetch + per-call timeout'],
  ['  hey-api fetch client', 'hey-api fetch client'],
];

/** A forked script that answers each message with one message (its first one unasked). */
class Child {
  #child;
  #pending;
  #name;

  /** What the script said when it was ready (the server: its port). */
  hello;

  static async start(script, args = []) {
    const child = new Child(script, args);
    child.hello = await child.#reply();
    return child;
  }

  constructor(script, args) {
    this.#name = [script, ...args.slice(1)].join(' ');
    this.#child = fork(here(script), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child.on('message', (message) => this.#settle(message.error ? new Error(message.error) : undefined, message));
    this.#child.on('close', (code, signal) => this.#settle(new Error(`${this.#name} exited (${signal ?? code})`)));
    this.#pending = this.#expect();
  }

  #expect() {
    let settle;
    const promise = new Promise((resolve, reject) => (settle = { resolve, reject }));
    const timer = setTimeout(() => {
      this.#child.kill();
      settle.reject(new Error(`${this.#name}: no answer in ${CHUNK_TIMEOUT_MS / 1000} s`));
    }, CHUNK_TIMEOUT_MS);
    return { promise, timer, ...settle };
  }

  #settle(error, message) {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(message);
  }

  #reply() {
    return this.#pending.promise;
  }

  /** Runs one chunk: wall seconds and CPU microseconds of the child. */
  run(calls, inFlight) {
    this.#pending = this.#expect();
    this.#child.send({ calls, inFlight });
    return this.#reply();
  }

  stop() {
    if (this.#child.connected) this.#child.disconnect();
  }
}

/** calls/s of the task over raw fetch's in the same rounds: total calls over total time. */
const ratio = (samples) =>
  samples.reduce((sum, sample) => sum + sample.raw.wall, 0) / samples.reduce((sum, sample) => sum + sample.task.wall, 0);

const pick = (items) => items[Math.floor(Math.random() * items.length)];

/** A 95 % interval for the pooled ratio, resampling forks and then rounds within each (bootstrap). */
function interval(forks) {
  const draws = Array.from({ length: 2_000 }, () =>
    ratio(forks.flatMap(() => {
      const fork = pick(forks);
      return fork.map(() => pick(fork));
    })),
  ).toSorted((a, b) => a - b);
  return [draws[49], draws[1949]];
}

async function compare(raw, task, { calls, inFlight, rounds }) {
  for (let done = 0; done < WARM_UP_CALLS; done += calls) {
    await raw.run(calls, inFlight);
    await task.run(calls, inFlight);
  }
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    // Take turns going first, so that neither always runs right after the other.
    const [first, second] = i % 2 ? [task, raw] : [raw, task];
    const a = await first.run(calls, inFlight);
    const b = await second.run(calls, inFlight);
    samples.push(i % 2 ? { raw: b, task: a } : { raw: a, task: b });
  }
  return samples;
}

/**
 * One row: FORKS times, a fresh raw-fetch process and a fresh task process, warmed up and then
 * compared. Fresh pairs because a process's JIT state is luck of the draw (and a long-lived one
 * drifts): pooling several pairs averages that out, where more rounds in one pair would not.
 */
async function row(baseUrl, name, settings) {
  const forks = [];
  for (let i = 0; i < FORKS; i++) {
    const raw = await Child.start('./worker.mjs', [baseUrl, 'raw fetch']);
    try {
      const task = await Child.start('./worker.mjs', [baseUrl, name]);
      try {
        forks.push(await compare(raw, task, settings));
      } finally {
        task.stop();
      }
    } finally {
      raw.stop();
    }
  }
  const samples = forks.flat();
  return {
    raw: samples.map((sample) => sample.raw),
    ...perCall(samples.map((sample) => sample.task), settings.calls),
    ratio: ratio(samples),
    interval: interval(forks),
  };
}

async function throughput(baseUrl, settings, rows) {
  const table = {};
  for (const [label, name] of rows) table[label] = await row(baseUrl, name, settings);
  return { 'raw fetch': perCall(Object.values(table).flatMap((entry) => entry.raw), settings.calls), ...table };
}

function perCall(chunks, calls) {
  const n = calls * chunks.length;
  return {
    rate: n / chunks.reduce((sum, chunk) => sum + chunk.wall, 0),
    cpu: chunks.reduce((sum, chunk) => sum + chunk.cpu, 0) / n,
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
const span = ([low, high]) => `${low.toFixed(2)}–${high.toFixed(2)}`;

const server = await Child.start('./server.mjs');
const baseUrl = `http://127.0.0.1:${server.hello.port}`;
const MAIN_ROWS = ROWS.slice(0, 3);
const settings = [
  ['one call at a time', { calls: 500, inFlight: 1, rounds: ROUNDS }, ROWS],
  // Here the client process is saturated, so its own CPU shows in full; diagnostics are left out.
  ['16 calls in flight', { calls: 2_000, inFlight: 16, rounds: 2 * Math.ceil(ROUNDS / 4) }, MAIN_ROWS],
];
const tables = [];
try {
  for (const [title, options, rows] of settings) tables.push([title, options, await throughput(baseUrl, options, rows)]);
} finally {
  server.stop();
}

for (const [title, { calls, rounds }, table] of tables) {
  console.log(
    `\n${title}: per row ${FORKS} fresh pairs of processes (raw fetch, task), each ` +
      `${Math.ceil(WARM_UP_CALLS / calls) * calls} warm-up calls a side, then ${rounds} rounds of ${calls}-call ` +
      `chunks (Node ${process.versions.node})`,
  );
  for (const [label, { rate, cpu, ratio, interval }] of Object.entries(table)) {
    const versus = interval ? `${ratio.toFixed(2)}× raw fetch (95 % ${span(interval)})` : '';
    console.log(`  ${label.padEnd(38)} ${rate.toFixed(0).padStart(6)} calls/s  ${versus.padEnd(35)} ${cpu.toFixed(0).padStart(4)} µs CPU/call`);
  }
}
const rates = tables[0][2];
const target = (label, min) => {
  const { ratio, interval } = rates[label];
  return `${label.slice('client, '.length)} ${ratio.toFixed(3)}× (95 % ${span(interval)}) vs ≥ ${min.toFixed(2)}×: ${verdict(ratio >= min)}`;
};
console.log(`\nTargets (one call at a time): ${target('client, validation off', 0.9)}; ${target('client, validation on', 0.8)}`);

console.log('\nBundle size of a small app (esbuild, minified, gzip -9)');
const sizes = {};
for (const app of ['one-operation', 'one-operation-validated', 'full-client']) {
  sizes[app] = await bundleSize(app);
  console.log(`  ${app.padEnd(26)} ${kB(sizes[app].minified).padStart(9)} min  ${kB(sizes[app].gzip).padStart(9)} gzip`);
}
const small = sizes['one-operation'].gzip;
console.log(`Target: one operation without validators ${kB(small)} vs ≤ 6 kB gzip: ${verdict(small <= 6000)}`);
