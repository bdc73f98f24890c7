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
