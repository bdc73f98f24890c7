// The scenario code that the model drives, without a server: which entries need a movable clock,
// which operations get a 429 scenario, and the priciest body the credit-cost extension describes.
import { describe, expect, it } from "vitest";
import type { OutgoingRequest } from "../src/http/exchange.js";
import type { Recorder } from "../src/server/recorder.js";
import { EXPIRY_REASON, notProvokable, OUTPUT_EXPIRY_REASON } from "../src/server/scenarios/faults.js";
import { priciestBody } from "../src/server/scenarios/images.js";
import { limitScenarios } from "../src/server/scenarios/limits.js";
import type { World } from "../src/server/world.js";
import { loadSpec } from "../src/spec/bundle.js";
import { listOperations, operationById } from "../src/spec/operations.js";

const doc = loadSpec();
const operations = listOperations(doc);

describe("entries only time produces", () => {
  it("are not provokable without a movable clock, each with its reason; provoked with one", () => {
    const without = notProvokable(operations, false).filter((u) => !u.entry.includes(" 500 "));
    expect(without).toEqual([
      { entry: "uploadCharacterImage 401 upload_url_expired", reason: EXPIRY_REASON },
      { entry: "getImageOutput 410 output_expired", reason: OUTPUT_EXPIRY_REASON },
    ]);
    expect(notProvokable(operations, true).filter((u) => !u.entry.includes(" 500 "))).toEqual([]);
    // One internal_error per operation either way.
    expect(notProvokable(operations, true)).toHaveLength(operations.length);
  });
});

describe("the 429 scenarios", () => {
  it("empty every bucket the spec names, and never ask a 429 of an operation without x-aurous-rate-limit", async () => {
    const expected: string[] = [];
    const drained: string[] = [];
    const rec = {
      doc,
      target: { keys: { full: "k", secondTeam: "s" } },
      async send(opId: string, _request: OutgoingRequest) {
        drained.push(opId);
        return { status: 429, headers: {}, bodyText: "", json: undefined };
      },
      async expect(opId: string, status: number, code: string | null) {
        expected.push(`${opId} ${status} ${code}`);
        return { exchange: undefined, ok: true };
      },
      fail(opId: string) {
        throw new Error(`${opId}: failed`);
      },
    } as unknown as Recorder;
    await limitScenarios({ rec, main: { key: "k" }, second: { key: "s" }, log: () => {} } as World);
    const limited = operations.filter((op) => op.credential === "api-key" && op.rateLimit);
    expect(new Set(expected)).toEqual(
      new Set(
        limited.flatMap((op) => [
          `${op.operationId} 429 ${op.rateLimit?.error_code}`,
          ...(op.rateLimit?.variants ?? []).map((v) => `${op.operationId} 429 ${v.error_code}`),
        ]),
      ),
    );
    expect(expected).toContain("createImage 429 too_many_requests");
    expect(expected).toContain("estimateImage 429 too_many_requests");
    expect(expected).toContain("cancelImage 429 too_many_requests");
    expect(expected.filter((e) => e.startsWith("getImageOutput"))).toEqual([]);
    expect(drained).not.toContain("getImageOutput");
  });
});

describe("the balance_too_low body", () => {
  it("turns on every priced variant and asks for the most items x-aurous-credit-cost multiplies by", () => {
    expect(priciestBody(doc, operationById(doc, "createImage"), { prompt: "p" })).toEqual({
      prompt: "p",
      enhance_prompt: true,
      count: 4,
    });
    // An operation without a credit cost is sent as given.
    expect(priciestBody(doc, operationById(doc, "getCharacter"), { a: 1 })).toEqual({ a: 1 });
  });
});
