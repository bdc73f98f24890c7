// Negative (and positive) fuzz against the sandbox: fast-check requests built from the spec's
// schemas. Never a 5xx; every rejection the documented 4xx, code and param for its fault; every
// schema-valid request accepted or refused exactly as the spec's prose decides.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpecValidator } from "../src/conformance/validator.js";
import { type FuzzResult, runFuzz } from "../src/fuzz/run.js";
import { prepareFuzzContext } from "../src/fuzz/setup.js";
import { fuzzChecks } from "../src/fuzz/summary.js";
import { writeReport } from "../src/report/write.js";
import { loadSpec } from "../src/spec/bundle.js";
import { listOperations } from "../src/spec/operations.js";
import { startTestSandbox, type TestSandbox } from "./support/sandbox.js";

const doc = loadSpec();
const RUNS = Number(process.env.CONTRACT_FUZZ_RUNS ?? 2000);
let sandbox: TestSandbox;
let result: FuzzResult;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const ctx = await prepareFuzzContext(sandbox.origin, sandbox.keys.fuzz, doc);
  result = await runFuzz({
    baseUrl: sandbox.origin,
    doc,
    validator: new SpecValidator(doc),
    ctx,
    runs: RUNS,
    seed: process.env.CONTRACT_FUZZ_SEED ? Number(process.env.CONTRACT_FUZZ_SEED) : undefined,
    // Rate limits are not under test here: jump the sandbox's clock past the refill instead of sleeping.
    // Two minutes refill every bucket (the slowest, 12 tokens at 6 a minute), whatever the other
    // workers took meanwhile; upload URLs (15 minutes) outlive a few such jumps.
    onRateLimited: async () => sandbox.clock.advance(2 * 60_000 + 1000),
  });
}, 180_000);

afterAll(async () => {
  await sandbox?.close();
});

function show(r: FuzzResult): string[] {
  return r.failures
    .slice(0, 15)
    .map(
      (f) =>
        `[seed ${r.seed}] ${f.case.operationId} ${f.case.kind} (${f.case.rule}) ${f.case.request.method} ${f.case.request.path} body=${String(f.case.request.body ?? "").slice(0, 160)}\n    ${f.problems.join("\n    ")}`,
    );
}

describe("fuzz: schema-built valid and invalid requests against the sandbox", () => {
  it(`sends at least ${RUNS} requests, valid and invalid, to every operation (the signed upload PUT included)`, () => {
    expect(result.requests).toBeGreaterThanOrEqual(RUNS);
    const ops = Object.keys(result.counts).sort();
    expect(ops).toEqual(
      listOperations(doc)
        .map((o) => o.operationId)
        .sort(),
    );
    for (const op of ops) {
      expect(result.counts[op]?.valid, op).toBeGreaterThan(0);
      expect(result.counts[op]?.invalid, op).toBeGreaterThan(0);
    }
  });

  it("exercises every kind of fault the schemas allow", () => {
    const rules = Object.keys(result.rules).join("\n");
    for (const rule of [
      "missing",
      "type",
      "maxLength",
      "minLength",
      "pattern",
      "maximum",
      "minimum",
      "unknownKey",
      "enum",
      "maxItems",
      "minItems",
      "uniqueItems",
      "malformed JSON",
      "path id of another shape",
      "query",
      "Aurous-Version",
      "X-Api-Key",
      "Idempotency-Key",
      "oversize body",
      "Content-Type",
      "no body",
      "forged signature",
      "malformed signature",
      "altered expires",
      "made-up upload id",
      "Content-Type mismatch",
      "bytes that are no PNG",
    ]) {
      expect(rules, rule).toContain(rule);
    }
  });

  it("gets the documented answer for every request: no 5xx, right status, code and param, nothing undocumented", () => {
    expect(show(result)).toEqual([]);
  });

  it("writes its findings as a report (markdown + JUnit)", () => {
    const checks = fuzzChecks(result, RUNS);
    const { markdown } = writeReport(
      {
        title: "Fuzz against the sandbox",
        generatedAt: new Date().toISOString(),
        target: sandbox.origin,
        sides: [],
        rows: [],
        extras: checks,
      },
      "reports",
      "fuzz",
    );
    expect(readFileSync(markdown, "utf8")).toMatch(/\| fuzz \| at least \d+ generated requests sent \| ✅ pass \|/);
  });
});
