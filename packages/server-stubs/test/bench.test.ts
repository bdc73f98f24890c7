// `pnpm bench` is not part of the test run (minutes of both cores); this runs it at its smallest
// settings so that the script cannot rot — e.g. a bench server that stops starting when the spec
// gains an operation. It asserts that every target answered and every row printed, never a timing.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const script = fileURLToPath(new URL("../bench/run.mjs", import.meta.url));
const TARGETS = ["http", "fastify", "fastify-headers", "glue", "stubs", "stubs-validated", "stubs-redis"];

it("runs every target once and prints each ratio and target verdict", async () => {
  const env = { BENCH_ROUNDS: "1", BENCH_DURATION: "1", BENCH_WARM_UP: "0.2", BENCH_CONNECTIONS: "4" };
  const { stdout } = await run(process.execPath, [script], {
    env: { ...process.env, ...env, BENCH_TARGETS: TARGETS.join(",") },
    timeout: 100_000,
  });
  for (const target of TARGETS) expect(stdout).toMatch(new RegExp(`round 1  ${target} .* non-2xx\\+errors 0\\n`));
  expect(stdout).toContain("stubs / fastify-openapi-glue (target ≥ 1.0×)");
  expect(stdout).toContain("stubs on Redis stores / stubs (in memory)");
  expect(stdout.match(/^Target: /gm)).toHaveLength(3);
}, 120_000);
