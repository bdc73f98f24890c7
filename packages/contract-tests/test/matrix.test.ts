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
    // Only the 204 of the upload PUT has no body, hence no example.
    expect(matrix.filter((e) => e.example === null).map((e) => e.id)).toEqual(["uploadCharacterImage 204"]);
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
});
