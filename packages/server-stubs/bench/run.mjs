// pnpm bench: requests/second of an authenticated, validated GET /v1/characters/{id} through the
// stubs vs a bare fastify route returning the same JSON vs raw node:http (the ceiling), vs the peer
// fastify-openapi-glue on the same spec and handler, and the stubs on Redis stores. Each
// target runs in its own process on 127.0.0.1 and autocannon drives it from this one. Targets are
// measured in interleaved rounds (BENCH_ROUNDS, default 3) and the median is reported, because a
// 2-core machine shared with other work makes single runs noisy. Ratios are paired: each is the
// median over rounds of (target / reference) within the same round, so a slow stretch of the
// machine hits both sides of a ratio instead of one. The server's CPU time per request is reported
// too, as it does not depend on the load generator or neighbours.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 2);
const PATH = "/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR";
const TARGETS = (
  process.env.BENCH_TARGETS ?? "http,fastify,fastify-headers,glue,stubs,stubs-validated,stubs-redis"
).split(",");
const serversScript = fileURLToPath(new URL("./servers.mjs", import.meta.url));

function ask(child, message, key) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m && key in m) {
        child.off("message", on);
        resolve(m[key]);
      }
    };
    child.on("message", on);
    if (message) child.send(message);
  });
}

async function measure(kind) {
  const child = fork(serversScript, [kind], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await ask(child, null, "port");
  const url = `http://127.0.0.1:${port}${PATH}`;
  const headers = { "x-api-key": "al_live_bench", "aurous-version": "2026-05-15" };
  try {
    await autocannon({ url, headers, connections: CONNECTIONS, duration: WARM_UP }); // warm-up (JIT)
    const before = await ask(child, "cpu", "cpu");
    const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
    const after = await ask(child, "cpu", "cpu");
    const cpuMicros = after.user + after.system - before.user - before.system;
    return {
      rps: r.requests.average,
      p99: r.latency.p99,
      cpuPerRequest: cpuMicros / r.requests.total,
      bad: r.non2xx + r.errors,
    };
  } finally {
    child.disconnect();
    child.kill();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = Object.fromEntries(TARGETS.map((t) => [t, []]));
for (let round = 1; round <= ROUNDS; round++) {
  // Rotate the order so that no target always runs first or after the same neighbour.
  for (let j = 0; j < TARGETS.length; j++) {
    const kind = TARGETS[(round - 1 + j) % TARGETS.length];
    const r = await measure(kind);
    runs[kind].push(r);
    console.log(
      `round ${round}  ${kind.padEnd(16)} ${Math.round(r.rps).toString().padStart(6)} req/s  p99 ${r.p99} ms  ` +
        `${r.cpuPerRequest.toFixed(1)} µs CPU/req  non-2xx+errors ${r.bad}`,
    );
  }
}

const rps = Object.fromEntries(TARGETS.map((t) => [t, median(runs[t].map((r) => r.rps))]));
const cpu = Object.fromEntries(TARGETS.map((t) => [t, median(runs[t].map((r) => r.cpuPerRequest))]));
console.log(`\nmedian of ${ROUNDS} × ${DURATION}s, ${CONNECTIONS} connections`);
console.log("target            req/s   µs CPU/req");
for (const t of TARGETS)
  console.log(`${t.padEnd(16)} ${Math.round(rps[t]).toString().padStart(6)}   ${cpu[t].toFixed(1).padStart(6)}`);
const pairedMedian = (a, b, of) => median(runs[a].map((r, i) => of(r, runs[b][i])));
const spread = (a, b) => {
  const ratios = runs[a].map((r, i) => r.rps / runs[b][i].rps);
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
};
const row = (label, a, b) =>
  runs[a] &&
  runs[b] &&
  console.log(
    `${label.padEnd(44)} ${pairedMedian(a, b, (x, y) => x.rps / y.rps).toFixed(2)}× req/s (rounds ${spread(a, b)})   ` +
      `${pairedMedian(a, b, (x, y) => y.cpuPerRequest / x.cpuPerRequest).toFixed(2)}× by CPU per request`,
  );
console.log("");
row("stubs / bare fastify (target ≥ 0.85×)", "stubs", "fastify");
row("stubs / fastify-openapi-glue (target ≥ 1.0×)", "stubs", "glue");
row("fastify-openapi-glue / bare fastify", "glue", "fastify");
row("stubs / node:http", "stubs", "http");
row("bare fastify / node:http", "fastify", "http");
row("stubs + response validation / fastify (≥ 0.70×)", "stubs-validated", "fastify");
row("stubs + response validation / stubs", "stubs-validated", "stubs");
row("stubs on Redis stores / stubs (in memory)", "stubs-redis", "stubs");
row("fastify + the 5 contract headers / fastify", "fastify-headers", "fastify");
// With BENCH_TARGETS naming stubs-before / stubs-validated-before (BENCH_BEFORE_DIST): before vs after.
row("stubs before / bare fastify", "stubs-before", "fastify");
row("stubs before / fastify-openapi-glue", "stubs-before", "glue");
row("stubs + validation before / bare fastify", "stubs-validated-before", "fastify");
row("stubs / stubs before", "stubs", "stubs-before");
row("stubs / fastify + the 5 contract headers", "stubs", "fastify-headers");
const targets = [
  ["stubs / bare fastify", "stubs", "fastify", 0.85],
  ["stubs / fastify-openapi-glue", "stubs", "glue", 1.0],
  ["stubs + response validation / bare fastify", "stubs-validated", "fastify", 0.7],
];
console.log("");
for (const [label, a, b, min] of targets) {
  if (!runs[a] || !runs[b]) continue;
  const ratio = pairedMedian(a, b, (x, y) => x.rps / y.rps);
  console.log(
    `Target: ${label} ${ratio.toFixed(2)}× vs ≥ ${min.toFixed(2)}×: ${ratio >= min ? "meets target" : "MISSES target"}`,
  );
}
const bad = TARGETS.filter((t) => runs[t].some((r) => r.bad > 0));
if (bad.length) {
  console.error(`non-2xx answers or errors from: ${bad.join(", ")}`);
  process.exitCode = 1;
}
