// `pnpm bench` itself is not part of the test run (it takes minutes of both cores); this runs it
// at its smallest settings so that the script cannot rot: every row and verdict is printed, the
// settings are checked, and no forked server or worker outlives it. It asserts no timings.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const script = fileURLToPath(new URL("../bench/run.mjs", import.meta.url));
// Every process of one bench run (its server and workers are forked) inherits this mark.
const MARK = "AUROUS_BENCH_TEST_RUN";
const SMALLEST = { BENCH_PAIRS: "1", BENCH_ROUNDS: "1", BENCH_WARM_UP: "1" };

async function bench(env: Record<string, string>, timeout: number) {
  const mark = randomUUID();
  const outcome = await run(process.execPath, [script], {
    env: { ...process.env, ...env, [MARK]: mark },
    timeout,
  }).then(
    ({ stdout }) => ({ stdout, code: 0, stderr: "" }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  return { ...outcome, survivors: processesMarked(mark) };
}

/** Processes whose environment carries `mark` (Linux: read from /proc; elsewhere not checked). */
function processesMarked(mark: string): string[] {
  if (!existsSync("/proc")) return [];
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, "utf8").includes(`${MARK}=${mark}`);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
}

const number = String.raw`\d+(?:\.\d+)?`;
const row = (label: string) =>
  new RegExp(
    `^ {2}${label.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&")} +\\d+ +\\d+ +${number}× \\(n/a\\) +\\d+ µs \\(\\d+ µs\\)$`,
    "m",
  );

describe("pnpm bench (smallest settings)", () => {
  it("prints every row, says one sample cannot judge a target, and leaves no process behind", async () => {
    // About a minute on an idle 2-core machine (20 processes, 3 esbuild bundles); over two when the
    // rest of the test run shares the cores, so the limit is generous rather than tight.
    const { stdout, code, stderr, survivors } = await bench(SMALLEST, 240_000);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [oneAtATime, inFlight] = stdout.split("16 calls in flight");
    for (const label of [
      "client, validation off",
      "client, validation on",
      "  raw fetch, second process (control)",
      "  client, validation off, 30 s timeout",
      "  raw fetch + per-call timeout",
      "  hey-api fetch client",
    ]) {
      expect(oneAtATime).toMatch(row(label));
    }
    for (const label of ["client, validation off", "client, validation on", "  raw fetch, second process (control)"]) {
      expect(inFlight).toMatch(row(label));
    }
    expect(inFlight).not.toContain("hey-api fetch client");
    expect(oneAtATime).toMatch(/validation off \S+× vs ≥ 0\.95×: not judged \(one sample/);
    expect(oneAtATime).toMatch(/validation on \S+× vs ≥ 0\.90×: not judged \(one sample/);
    expect(stdout).toMatch(new RegExp(`one-operation +${number} kB min +${number} kB gzip`));
    expect(stdout).toMatch(/Target: one operation without validators \S+ kB vs ≤ 6 kB gzip: (meets|MISSES) target/);
    expect(survivors).toEqual([]);
  }, 270_000);

  it.each(["0", "1.5", "many"])("refuses BENCH_PAIRS=%s before starting anything", async (value) => {
    // The smallest other settings and a short limit: a broken check must not start a full run.
    const { code, stderr, survivors } = await bench({ ...SMALLEST, BENCH_PAIRS: value }, 10_000);
    expect(code).toBe(1);
    expect(stderr).toContain(`BENCH_PAIRS must be a whole number ≥ 1, not ${value}`);
    expect(survivors).toEqual([]);
  });
});
