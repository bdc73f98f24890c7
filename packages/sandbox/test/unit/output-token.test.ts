// The output URL's credential as the sandbox hands it to the runtime (createOutputTokenCheck): a
// token authorises its own output of its own generation, as that generation's team, read-only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { DEMO_TEAM_IDS, demoConfig } from "../../src/config/demo.js";
import type { GenerationRecord } from "../../src/generations/model.js";
import { OUTPUT_TTL_MS } from "../../src/generations/output-url.js";
import { createOutputTokenCheck } from "../../src/http/handlers.js";
import { createState, type SandboxState } from "../../src/state.js";
import { until } from "../helpers/wait.js";

let dir: string;
let state: SandboxState;
let record: GenerationRecord;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-token-"));
  const config = { ...demoConfig(), generationDelayMs: 0, source: "demo" };
  state = createState(config, dir, new ManualClock(), () => {});
  const created = state.generations.create(
    DEMO_TEAM_IDS.globex,
    { prompt: "x", count: 2 },
    { requestId: "req_1", version: "2026-05-15" },
  );
  if (!created.ok) throw new Error(created.message);
  record = created.value;
  await until(() => record.status === "succeeded", 5000, "generation");
});
afterEach(async () => {
  await state.scheduler.close();
  rmSync(dir, { recursive: true, force: true });
});

const tokenFor = (id: string, n: number) => state.outputUrls.token(id, n, record.completedAt! + OUTPUT_TTL_MS);

describe("createOutputTokenCheck", () => {
  it("authorises a matching token as the generation's team, read-only (n as a number or a string)", () => {
    const check = createOutputTokenCheck(state);
    const expected = { teamId: DEMO_TEAM_IDS.globex, scope: "read" };
    expect(check(tokenFor(record.id, 1), { params: { id: record.id, n: 1 } })).toEqual(expected);
    expect(check(tokenFor(record.id, 0), { params: { id: record.id, n: "0" } })).toEqual(expected);
  });

  it("refuses a token for another output, another generation, a tampered one or an unknown id", () => {
    const check = createOutputTokenCheck(state);
    const token = tokenFor(record.id, 0);
    expect(check(token, { params: { id: record.id, n: 1 } })).toBeNull();
    expect(check(tokenFor("img_other", 0), { params: { id: record.id, n: 0 } })).toBeNull();
    expect(
      check(`${token.slice(0, -1)}${token.endsWith("0") ? "1" : "0"}`, { params: { id: record.id, n: 0 } }),
    ).toBeNull();
    expect(check(token, { params: { id: "img_unknown", n: 0 } })).toBeNull();
    expect(check(token, { params: { id: record.id, n: "x" } })).toBeNull();
    expect(check(token, { params: undefined })).toBeNull();
  });
});
