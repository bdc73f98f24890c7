// pnpm bench:instructions — a noise-free companion to `pnpm bench`. Each target server runs under
// valgrind's callgrind, which counts executed instructions whatever else the machine is doing.
// After WARM requests (JIT warmed up) the counters are zeroed and dumped around MEASURED and then
// 2 × MEASURED requests in the same process; the difference of the two windows divided by
// MEASURED is the steady-state cost of one request (compiled code, GC, the user side of syscalls),
// with any fixed per-window cost cancelled out. Needs valgrind on PATH (Debian: apt-get install -y valgrind); takes a few minutes.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const WARM = Number(process.env.BENCH_WARM ?? 5000);
const MEASURED = Number(process.env.BENCH_MEASURED ?? 5000);
const TARGETS = (process.env.BENCH_TARGETS ?? "fastify,stubs").split(",");
const serversScript = fileURLToPath(new URL("./servers.mjs", import.meta.url));

if (spawnSync("valgrind", ["--version"], { stdio: "ignore" }).status !== 0) {
  console.error("valgrind is not on PATH (apt-get install -y valgrind)");
  process.exit(1);
}

async function instructionsPerRequest(kind) {
  const out = join(tmpdir(), `aurous-bench-${kind}-${process.pid}.callgrind`);
  const child = spawn(
    "valgrind",
    ["--tool=callgrind", `--callgrind-out-file=${out}`, process.execPath, serversScript, kind],
    {
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  const control = (...args) => execFileSync("callgrind_control", [...args, String(child.pid)], { stdio: "ignore" });
  const windows = [];
  try {
    const port = await new Promise((resolve, reject) => {
      child.stdout.once("data", (d) => resolve(Number(String(d).trim())));
      child.once("exit", (code) => reject(new Error(`${kind} exited early (${code})`)));
    });
    const load = async (amount) => {
      const r = await autocannon({
        url: `http://127.0.0.1:${port}/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR`,
        headers: { "x-api-key": "al_live_bench", "aurous-version": "2026-05-15" },
        connections: 4,
        amount,
        timeout: 120,
      });
      if (r.non2xx || r.errors) throw new Error(`${kind}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    };
    await load(WARM);
    for (const amount of [MEASURED, 2 * MEASURED]) {
      // Valgrind acts on a control command when the server next runs, so one request follows each.
      control("--zero");
      await load(amount);
      control("--dump");
      await fetch(`http://127.0.0.1:${port}/`).then((r) => r.arrayBuffer());
      windows.push(dumpedTotal(out, windows.length + 1));
    }
  } finally {
    child.kill("SIGINT");
    await new Promise((resolve) => child.once("exit", resolve));
    if (!process.env.BENCH_KEEP)
      for (const f of readdirSync(tmpdir()))
        if (f.startsWith(basename(out))) rmSync(join(tmpdir(), f), { force: true });
  }
  if (process.env.BENCH_KEEP) console.log(windows);
  return (windows[1] - windows[0]) / MEASURED;
}

/** The `totals:` line of callgrind's n-th dump (`<out>.<n>`). */
function dumpedTotal(out, n) {
  const text = readFileSync(`${out}.${n}`, "utf8");
  return Number(/^totals:\s*(\d+)/m.exec(text)?.[1]);
}

const perRequest = {};
for (const kind of TARGETS) {
  perRequest[kind] = await instructionsPerRequest(kind);
  console.log(`${kind.padEnd(16)} ${(perRequest[kind] / 1000).toFixed(1).padStart(6)}k instructions/request`);
}
const ratio = (a, b) => (perRequest[b] / perRequest[a]).toFixed(2);
console.log(`\n${MEASURED} requests counted after ${WARM} warm-up requests`);
if (perRequest.stubs && perRequest.fastify)
  console.log(`stubs / bare fastify: ${ratio("stubs", "fastify")}× (throughput-equivalent; target ≥ 0.75×)`);
if (perRequest.stubs && perRequest.http) console.log(`stubs / node:http:    ${ratio("stubs", "http")}×`);
if (perRequest["stubs-validated"] && perRequest.fastify) {
  console.log(`stubs with response validation / bare fastify: ${ratio("stubs-validated", "fastify")}×`);
}
