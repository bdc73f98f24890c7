// The matrix enumerator: every documented outcome, nothing invented, every error entry forceable
// from Prism by its named example.
import { describe, expect, it } from "vitest";
import { loadSpec } from "../src/spec/bundle.js";
import { buildMatrix } from "../src/spec/matrix.js";
import { listOperations } from "../src/spec/operations.js";

const spec = loadSpec();
const matrix = buildMatrix(spec);
const operations = listOperations(spec);

describe("contract matrix", () => {
  it("has one success entry per 2xx response and one entry per (status, code)", () => {
    let expected = 0;
    for (const op of operations) {
      for (const r of op.responses) expected += r.status < 400 ? 1 : r.codes.length;
    }
    expect(matrix).toHaveLength(expected);
    expect(new Set(matrix.map((e) => e.id)).size).toBe(matrix.length);
  });

  it("covers every operation of the spec, each with a success and the shared auth/server errors", () => {
    // The model's operations (openapi/test/spec-model.test.ts checks them against the document):
    // nothing typed here, so a new operation needs no edit of this test.
    expect(new Set(matrix.map((e) => e.operationId))).toEqual(new Set(operations.map((o) => o.operationId)));
    for (const op of operations) {
      const ids = matrix.filter((e) => e.operationId === op.operationId);
      expect(
        ids.some((e) => e.code === null),
        op.operationId,
      ).toBe(true);
      expect(
        ids.some((e) => e.status === 500 && e.code === "internal_error"),
        op.operationId,
      ).toBe(true);
      if (op.credential === "api-key") {
        for (const code of ["missing_api_key", "invalid_api_key", "revoked_api_key"]) {
          expect(
            ids.some((e) => e.status === 401 && e.code === code),
            `${op.operationId} ${code}`,
          ).toBe(true);
        }
      }
    }
  });

  it("names a Prism example for every entry with a body (error examples are named after their code)", () => {
    // Only the successes without a JSON body have no example: the upload PUT's 204 (no body) and
    // the output proxy's image bytes (Prism serves a placeholder string for `format: binary`).
    expect(matrix.filter((e) => e.example === null).map((e) => e.id)).toEqual([
      "uploadCharacterImage 204",
      "getImageOutput 200",
    ]);
    for (const e of matrix.filter((x) => x.code)) expect(e.example).toBe(e.code);
  });

  it("reads the documented per-operation codes, e.g. regenerate's 429 and update's validation code", () => {
    const ids = new Set(matrix.map((e) => e.id));
    expect(ids.has("regenerateCharacterRef 429 rate_limit_exceeded")).toBe(true);
    expect(ids.has("regenerateCharacterRef 429 too_many_requests")).toBe(false);
    expect(ids.has("updateCharacter 400 invalid_request")).toBe(true);
    expect(ids.has("createCharacter 404 resource_not_found")).toBe(true);
    expect(ids.has("uploadCharacterImage 401 upload_url_expired")).toBe(true);
    expect(operations.find((o) => o.operationId === "updateCharacter")?.validationErrorCode).toBe("invalid_request");
  });

  it("lists the image generations' own outcomes: credits, combinations, cursors, cancel and the output proxy", () => {
    const ids = new Set(matrix.map((e) => e.id));
    for (const id of [
      "createImage 201",
      "createImage 400 character_not_ready",
      "createImage 400 mutually_exclusive_input",
      "createImage 400 parameter_invalid_combination",
      "createImage 400 missing_field",
      "createImage 402 balance_too_low",
      "createImage 404 resource_not_found",
      "createImage 409 idempotency_key_in_use",
      "createImage 429 too_many_requests",
      "estimateImage 200",
      "estimateImage 400 character_not_ready",
      "estimateImage 429 too_many_requests",
      "listImages 400 parameter_invalid_combination",
      "cancelImage 400 generation_not_cancellable",
      "getImageOutput 200",
      "getImageOutput 401 signature_invalid",
      "getImageOutput 404 resource_not_found",
      "getImageOutput 410 output_expired",
      "getImageOutput 422 output_not_available",
    ])
      expect(ids.has(id), id).toBe(true);
    // Estimates are free and read-scoped; the output proxy draws from no bucket.
    expect([...ids].filter((id) => /^estimateImage (402|403|409)/.test(id))).toEqual([]);
    expect([...ids].filter((id) => /^getImageOutput 429/.test(id))).toEqual([]);
  });
});
