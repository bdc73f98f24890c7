#!/usr/bin/env node
// `pnpm bench`: calls per second through the built client against raw fetch, on the same local
// node:http server (in its own process), then the bundle size of small apps. Needs `pnpm build`
// (turbo's bench task depends on it). How a row is measured: compare.mjs.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { Child } from "./child.mjs";
import { measureRow } from "./compare.mjs";
import { HEY_API_CLIENT_ENV } from "./fixture.mjs";

function setting(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number ≥ 1, not ${process.env[name]}`);
  return value;
}
const PAIRS = setting("BENCH_PAIRS", 3);
const ROUNDS = setting("BENCH_ROUNDS", 24);
const WARM_UP_CALLS = setting("BENCH_WARM_UP", 5_000);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** `saturated`: also measured with 16 calls in flight. */
const ROWS = [
  { label: "client, validation off", task: "client, validation off", saturated: true },
  { label: "client, validation on", task: "client, validation on", saturated: true },
  { label: "  raw fetch, second process (control)", task: "raw fetch", saturated: true },
  { label: "  client, validation off, 30 s timeout", task: "client, validation off, 30 s timeout" },
  { label: "  raw fetch + per-call timeout", task: "raw fetch + per-call timeout" },
  { label: "  hey-api fetch client", task: "hey-api fetch client" },
];
const TABLES = [
  { title: "one call at a time", calls: 500, inFlight: 1, rounds: ROUNDS, rows: ROWS },
  // The client process is saturated here, so its own CPU shows in full; diagnostics are left out.
  {
    title: "16 calls in flight",
    calls: 2_000,
    inFlight: 16,
    rounds: Math.ceil(ROUNDS / 2),
    rows: ROWS.filter((row) => row.saturated),
  },
];

/**
 * Against a target: met only when the whole interval clears it. A run whose interval straddles the
 * target cannot tell, and says so.
 */
function verdict({ ratio, interval }, min) {
  if (!interval)
    return `${ratio.toFixed(3)}× vs ≥ ${min.toFixed(2)}×: not judged (one sample: raise BENCH_PAIRS or BENCH_ROUNDS)`;
  const [low, high] = interval;
  const standing = low >= min ? "meets target" : high < min ? "MISSES target" : "too close to call in this run";
  return `${ratio.toFixed(3)}× (≈95 % ${low.toFixed(2)}–${high.toFixed(2)}) vs ≥ ${min.toFixed(2)}×: ${standing}`;
}

function printTable({ title, calls, inFlight, rounds }, results) {
  const warmUp = Math.ceil(WARM_UP_CALLS / calls) * calls;
  console.log(
    `\n${title}: per row ${PAIRS} fresh pairs of processes (raw fetch, task), each ${warmUp} warm-up calls a ` +
      `side, then ${rounds} rounds of ${calls}-call chunks (Node ${process.versions.node})`,
  );
  console.log(
    `  ${"".padEnd(38)} ${"calls/s".padStart(7)}  ${"raw fetch".padStart(9)}  ratio (≈95 % interval)   CPU/call (raw fetch)`,
  );
  for (const [label, row] of Object.entries(results)) {
    const range = row.interval ? `${row.interval[0].toFixed(2)}–${row.interval[1].toFixed(2)}` : "n/a";
    console.log(
      `  ${label.padEnd(38)} ${row.rate.toFixed(0).padStart(7)}  ${row.rawRate.toFixed(0).padStart(9)}  ` +
        `${`${row.ratio.toFixed(2)}× (${range})`.padEnd(23)}  ${row.cpu.toFixed(0).padStart(4)} µs (${row.rawCpu.toFixed(0)} µs)`,
    );
  }
  if (inFlight > 1) return;
  console.log(
    `Targets (one call at a time): validation off ${verdict(results["client, validation off"], 0.9)}; ` +
      `validation on ${verdict(results["client, validation on"], 0.8)}`,
  );
}

async function bundle(entry, options) {
  return build({ entryPoints: [here(entry)], bundle: true, format: "esm", logLevel: "silent", ...options });
}

async function bundleSize(app) {
  const result = await bundle(`./apps/${app}.mjs`, {
    minify: true,
    platform: "browser",
    target: "es2022",
    write: false,
    alias: { "@aurous/client": here("../dist/index.js") },
  });
  const bytes = result.outputFiles[0].contents;
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

// Bundled once here, so that no worker carries esbuild while it is measured. The client no longer
// generates hey-api's fetch client, so the row bundles the source hey-api copies into projects.
const heyApiClient = here(`../.tmp/bench-hey-api-client-${process.pid}.mjs`);
process.env[HEY_API_CLIENT_ENV] = heyApiClient;
const heyApiSource = fileURLToPath(new URL("clients/fetch/index.ts", import.meta.resolve("@hey-api/openapi-ts")));
await build({
  entryPoints: [heyApiSource],
  bundle: true,
  format: "esm",
  logLevel: "silent",
  platform: "node",
  outfile: heyApiClient,
});
const server = await Child.start("./server.mjs", [], "server");
const baseUrl = `http://127.0.0.1:${server.hello.port}`;
try {
  for (const table of TABLES) {
    const results = {};
    for (const { label, task } of table.rows) {
      results[label] = await measureRow(baseUrl, task, { pairs: PAIRS, warmUpCalls: WARM_UP_CALLS, ...table });
    }
    printTable(table, results);
  }
} finally {
  await server.stop();
  rmSync(heyApiClient, { force: true });
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
console.log("\nBundle size of a small app (esbuild, minified, gzip -9)");
const sizes = {};
for (const app of ["one-operation", "one-operation-validated", "full-client"]) {
  sizes[app] = await bundleSize(app);
  console.log(
    `  ${app.padEnd(26)} ${kB(sizes[app].minified).padStart(9)} min  ${kB(sizes[app].gzip).padStart(9)} gzip`,
  );
}
const small = sizes["one-operation"].gzip;
console.log(
  `Target: one operation without validators ${kB(small)} vs ≤ 6 kB gzip: ${small <= 6000 ? "meets target" : "MISSES target"}`,
);
