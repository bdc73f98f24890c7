// Hand-made exchanges of getCharacter for the response checker's tests: a documented 200/404
// shape with the contract's headers, which each test then breaks in one way.
import { SpecValidator } from "../../src/conformance/validator.js";
import type { Exchange } from "../../src/http/exchange.js";
import { loadSpec } from "../../src/spec/bundle.js";
import { operationById } from "../../src/spec/operations.js";

export const doc = loadSpec();
export const validator = new SpecValidator(doc);
export const getCharacter = operationById(doc, "getCharacter");
export const RID = "req_01JCN8ZK5W3T6Q9RVX2YBHMDEA";
/** The output proxy: its 200 is documented as bytes (image/png, image/jpeg, image/webp). */
export const getImageOutput = operationById(doc, "getImageOutput");

/** The first bytes of a PNG file (its signature and an IHDR chunk's start). */
export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

/** A 200 of getImageOutput carrying `bytes` under `contentType`. */
export function binaryExchange(
  contentType: string,
  bytes: Uint8Array = PNG_BYTES,
  headers: Record<string, string> = {},
): Exchange {
  const bodyText = new TextDecoder().decode(bytes);
  let json: unknown;
  if (/json/i.test(contentType)) {
    try {
      json = JSON.parse(bodyText);
    } catch {
      json = undefined;
    }
  }
  return {
    request: {
      method: "GET",
      path: "/v1/images/img_01HXMQ7Z3K8Y2NABCDEFGHJKMR/output/0?token=0f3c9a7d2b6e41c8a5f0d9e3b7c2a1f4",
      url: "http://127.0.0.1/x",
    },
    status: 200,
    headers: {
      "content-type": contentType,
      "aurous-version": "2026-05-15",
      "aurous-request-id": RID,
      "cache-control": "private, max-age=86400",
      ...headers,
    },
    bodyText,
    bodyBytes: bytes,
    json,
    durationMs: 1,
  };
}

export function exchange(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  bodyText = body === undefined ? "" : JSON.stringify(body),
): Exchange {
  return {
    request: { method: "GET", path: "/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR", url: "http://127.0.0.1/x" },
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "aurous-version": "2026-05-15",
      "aurous-request-id": RID,
      ...headers,
    },
    bodyText,
    json: body,
    durationMs: 1,
  };
}

export const notFound = (code = "resource_not_found") => ({
  error: {
    type: "not_found",
    code,
    message: "No character with this id.",
    param: "character_id",
    doc_url: `https://docs.aurous-labs.com/errors#${code}`,
    request_id: RID,
  },
});
