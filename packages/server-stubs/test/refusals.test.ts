// The runtime's own refusals (refusals.ts): which documented code answers each, and the startup check
// that every refusal an operation may meet has one. Run on copies of the generated metadata with
// responses taken away, so that no spec edit is needed to see a gap reported.
import { describe, expect, it } from "vitest";
import { type OperationMeta, operations } from "../src/index.js";
import { assertRefusable, refusalCode } from "../src/runtime/refusals.js";

/** A copy of `meta` whose error response at `status` documents `codes` (none: no response there). */
function withCodes(meta: OperationMeta, status: number, codes: string[] | null): OperationMeta {
  const responses = { ...meta.responses };
  const key = String(status);
  if (codes === null) delete responses[key];
  else responses[key] = { ...(responses[key] ?? responses["400"]!), status, kind: "error", codes };
  return { ...meta, responses };
}

const upload = operations.uploadCharacterImage as OperationMeta; // signed URL, raw bytes
const output = operations.getImageOutput as OperationMeta; // API key or URL token, no body
const create = operations.createCharacter as OperationMeta; // API key, JSON body
const list = operations.listCharacters as OperationMeta; // API key, no body

describe("refusalCode", () => {
  it("answers with the documented code of each refusal", () => {
    expect(refusalCode(upload, "badSignature")).toBe("signature_invalid");
    expect(refusalCode(upload, "unusableUrl")).toBe("upload_invalid");
    expect(refusalCode(upload, "wrongMediaType")).toBe("content_type_mismatch");
    expect(refusalCode(upload, "tooLarge")).toBe("upload_too_large");
    expect(refusalCode(create, "tooLarge")).toBe("request_too_large");
    expect(refusalCode(output, "badSignature")).toBe("signature_invalid");
  });

  it("prefers the first candidate, in the refusal's order, when several are documented", () => {
    const both = withCodes(create, 413, ["upload_too_large", "request_too_large"]);
    expect(refusalCode(both, "tooLarge")).toBe("request_too_large");
  });

  it("has no code when the status documents none of the candidates, or no error at all", () => {
    expect(refusalCode(list, "tooLarge")).toBeUndefined();
    expect(refusalCode(create, "badSignature")).toBeUndefined(); // 401 documents only API-key codes
    const success = { ...create, responses: { ...create.responses, "413": { ...create.responses["201"]! } } };
    expect(success.responses["413"]!.kind).not.toBe("error");
    expect(refusalCode(success, "tooLarge")).toBeUndefined();
  });
});

describe("assertRefusable", () => {
  it("accepts the spec as it is", () => {
    expect(() => assertRefusable(Object.values(operations) as OperationMeta[])).not.toThrow();
  });

  it("asks nothing of an operation that has no body, signed URL or URL token", () => {
    const bare = { ...list, responses: {} };
    expect(() => assertRefusable([bare])).not.toThrow();
  });

  it("names each refusal of a signed-URL upload that lost its code", () => {
    const cases: Array<[number, string]> = [
      [401, "uploadCharacterImage documents none of signature_invalid at 401 (badSignature)"],
      [413, "uploadCharacterImage documents none of request_too_large, upload_too_large at 413 (tooLarge)"],
    ];
    for (const [status, message] of cases) {
      expect(() => assertRefusable([withCodes(upload, status, null)])).toThrow(
        `createAurousServer: the spec leaves runtime refusals without a code: ${message}`,
      );
    }
    const no400 = withCodes(upload, 400, ["upload_content_invalid"]);
    expect(() => assertRefusable([no400])).toThrow(
      "createAurousServer: the spec leaves runtime refusals without a code: " +
        "uploadCharacterImage documents none of upload_invalid at 400 (unusableUrl); " +
        "uploadCharacterImage documents none of content_type_mismatch at 400 (wrongMediaType)",
    );
  });

  it("asks an operation with a URL token for the signature code, and a JSON body for the size code", () => {
    expect(() => assertRefusable([withCodes(output, 401, ["missing_api_key"])])).toThrow(
      "getImageOutput documents none of signature_invalid at 401 (badSignature)",
    );
    expect(() => assertRefusable([withCodes(create, 413, null)])).toThrow(
      "createCharacter documents none of request_too_large, upload_too_large at 413 (tooLarge)",
    );
    // An API-key operation is never refused with signature_invalid, a JSON body never for its media type.
    expect(() => assertRefusable([withCodes(withCodes(create, 401, null), 400, [])])).not.toThrow();
  });

  it("reports the gaps of every operation, not only the first", () => {
    expect(() => assertRefusable([withCodes(create, 413, null), withCodes(output, 401, null)])).toThrow(
      /createCharacter documents none of .*\(tooLarge\); getImageOutput documents none of .*\(badSignature\)$/,
    );
  });
});
