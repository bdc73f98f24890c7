// Server side vs the sandbox through Prism's validating proxy: every documented entry produced by
// a real scenario (or, where a healthy server cannot produce it, injected and shown to validate),
// nothing undocumented seen anywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpecValidator } from "../src/conformance/validator.js";
import { startHarness, type Harness } from "../src/server/harness.js";
import { runServerSuite, type ServerSuiteResult } from "../src/server/suite.js";
import { defaultSpecPath, loadSpec } from "../src/spec/bundle.js";
import { buildMatrix } from "../src/spec/matrix.js";
import { startTestSandbox, type TestSandbox } from "./support/sandbox.js";

const specPath = defaultSpecPath();
const doc = loadSpec(specPath);
const matrix = buildMatrix(doc);
let sandbox: TestSandbox;
let harness: Harness;
let result: ServerSuiteResult;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  harness = await startHarness({ specPath, serverUrl: sandbox.origin });
  result = await runServerSuite({
    doc,
    validator: new SpecValidator(doc),
    harness,
    keys: { full: sandbox.keys.full, secondTeam: sandbox.keys.secondTeam, lowCredit: sandbox.keys.lowCredit, readOnly: sandbox.keys.readOnly, revoked: sandbox.keys.revoked },
    hooks: { advanceClock: (ms) => sandbox.clock.advance(ms) },
    log: process.env.CONTRACT_VERBOSE ? (l) => console.log(l) : undefined,
  });
}, 240_000);

afterAll(async () => {
  await harness?.stop();
  await sandbox?.close();
});

describe("server side: the sandbox through Prism's validation proxy", () => {
  it("exercises every documented entry, or shows it by fault injection with a stated reason", () => {
    const outcomes = matrix.map((e) => [e.id, result.results.get(e.id)?.outcome ?? "missing"] as const);
    const bad = outcomes.filter(([, o]) => o === "fail" || o === "not-exercised" || o === "missing");
    expect(bad.map(([id]) => `${id}: ${result.results.get(id)?.detail}`)).toEqual([]);
  });

  it("saw nothing undocumented in any response, and every scenario group ran to the end", () => {
    expect(result.extras.filter((e) => e.outcome === "fail").map((e) => e.detail ?? e.name)).toEqual([]);
  });
});
