// --budget plans the fuzz from the spec's x-aurous-rate-limit: a team's bucket serves its burst at
// once and then its sustained rate, buckets drain in parallel, and each fuzz key is its own team.
import { describe, expect, it } from "vitest";
import { bucketLoad, formatDuration, parseDuration, planRuns, predictMinutes } from "../src/fuzz/budget.js";
import type { FuzzCase } from "../src/fuzz/context.js";
import { loadSpec } from "../src/spec/bundle.js";
import { listOperations } from "../src/spec/operations.js";

const operations = listOperations(loadSpec());

/** n cases of one operation, with a JSON body. */
function cases(operationId: string, n: number, body: unknown = {}): FuzzCase[] {
  return Array.from({ length: n }, () => ({
    operationId,
    kind: "valid" as const,
    rule: "test",
    request: { method: "POST", path: "/", body: JSON.stringify(body) },
    expect: { status: 200, codes: [], why: "test" },
  }));
}

describe("the fuzz budget", () => {
  it("reads durations", () => {
    expect(parseDuration("10m")).toBe(600_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("90s")).toBe(90_000);
    for (const bad of ["", "10", "ten minutes", "0m", "5 m"]) expect(parseDuration(bad), bad).toBeNull();
    expect(formatDuration(754_000)).toBe("12m34s");
  });

  it("takes each request's bucket from the spec, the synthesize flow's included", () => {
    const load = bucketLoad(operations, [
      ...cases("createCharacter", 3, { generate: true }),
      ...cases("createCharacter", 2),
      ...cases("listCharacters", 5),
      ...cases("uploadCharacterImage", 7),
    ]);
    expect(
      Object.fromEntries(
        [...load].map(([name, { requests, bucket }]) => [name, [requests, bucket.sustainedPerMinute, bucket.burst]]),
      ),
    ).toEqual({
      characters_synthesize: [3, 6, 12],
      characters_post: [2, 30, 60],
      characters_get: [5, 120, 240],
    });
  });

  it("predicts minutes from burst and sustained rate per team; the slowest bucket decides", () => {
    // characters_post: 30/min, burst 60. 2 teams × (60 + 30 × 5) = 420 requests fit in 5 minutes.
    expect(predictMinutes(operations, cases("updateCharacter", 420), 2)).toBe(5);
    expect(predictMinutes(operations, cases("updateCharacter", 120), 2)).toBe(0);
    // A team the scenarios drained first gets no burst: 420 requests over 2 teams take 7 minutes.
    expect(predictMinutes(operations, cases("updateCharacter", 420), 2, true)).toBe(7);
    expect(predictMinutes(operations, [...cases("updateCharacter", 420), ...cases("getCharacter", 500)], 2)).toBe(5);
  });

  it("plans the most runs that fit, and says when even the minimum does not", () => {
    // A run of size n sends n updates: 10 minutes with 3 teams fit 3 × (60 + 300) = 1080.
    const plan = planRuns(operations, (n) => cases("updateCharacter", n), {
      minutes: 10,
      teams: 3,
      minimum: 100,
      maximum: 5000,
    });
    expect(plan.overBudget).toBe(false);
    expect(plan.runs).toBeLessThanOrEqual(1080);
    expect(plan.runs).toBeGreaterThan(1050);
    expect(plan.predictedMinutes).toBeLessThanOrEqual(10);
    const tight = planRuns(operations, (n) => cases("updateCharacter", n), {
      minutes: 1,
      teams: 1,
      minimum: 500,
      maximum: 5000,
    });
    expect(tight).toEqual({ runs: 500, predictedMinutes: (500 - 60) / 30, overBudget: true });
  });
});

describe("a fuzz run past its deadline", () => {
  it("sends nothing and counts every planned case as not sent", async () => {
    const { runFuzz } = await import("../src/fuzz/run.js");
    const { SpecValidator } = await import("../src/conformance/validator.js");
    const doc = loadSpec();
    const ctx = {
      apiKey: `al_live_${"0".repeat(64)}`,
      apiVersion: doc.info.version,
      characterIds: ["char_01HXMQ7Z3K8Y2NABCDEFGHJKMR"],
      operations,
    };
    // Nothing listens at this URL: a sent case would fail as "request failed".
    const result = await runFuzz({
      baseUrl: "http://127.0.0.1:9",
      doc,
      validator: new SpecValidator(doc),
      ctx,
      runs: 50,
      seed: 1,
      deadline: Date.now() - 1,
    });
    expect(result.requests).toBe(0);
    expect(result.failures).toEqual([]);
    expect(result.unsent).toBeGreaterThanOrEqual(50);
  });
});
