// The (status, code) pairs the public reference pages document for each operation, written down
// from ../shared/reference (seeds first). If the spec ever drops one, this fails.
import { describe, expect, it } from "vitest";
import { deref, documentedCodes, loadBundle, operations } from "./bundle.js";

const spec = loadBundle();

/** Codes every API-host operation can return (auth, scope, versioning, server failure). */
const SHARED: Array<[number, string]> = [
  [400, "unknown_version"],
  [401, "missing_api_key"],
  [401, "invalid_api_key"],
  [401, "revoked_api_key"],
  [500, "internal_error"],
];

/** Scopes are cumulative, so only operations that need `write` can answer 403. */
const WRITE_ONLY: Array<[number, string]> = [[403, "missing_scope"]];

/** Per operation, from its own reference page. */
const FROM_REFERENCE_PAGES: Record<string, Array<[number, string]>> = {
  // get-credit-balance, get-your-team-info, get-the-current-pricing-rate-card (it names
  // unknown_version, a shared code), list-available-lora-styles: no code of their own; the 429 is
  // the rate-limits page's GET class.
  getBalance: [[429, "too_many_requests"]],
  getTeam: [[429, "too_many_requests"]],
  getPricing: [[429, "too_many_requests"]],
  listLoras: [[429, "too_many_requests"]],
  // create-image and its estimate twin (same DTO, "validated identically"): the character and
  // combination rules, the cross-team 404, the balance (create only) and the idempotency key.
  createImage: [
    [400, "character_not_ready"],
    [400, "mutually_exclusive_input"],
    [400, "parameter_invalid_combination"],
    [400, "missing_field"],
    [402, "balance_too_low"],
    [404, "resource_not_found"],
    [409, "idempotency_key_in_use"],
    [429, "too_many_requests"],
  ],
  estimateImage: [
    [400, "character_not_ready"],
    [400, "mutually_exclusive_input"],
    [400, "parameter_invalid_combination"],
    [400, "missing_field"],
    [404, "resource_not_found"],
    [429, "too_many_requests"],
  ],
  // retrieve-image, list-your-generation-history: the GET class
  getImage: [
    [404, "resource_not_found"],
    [429, "too_many_requests"],
  ],
  listImages: [[429, "too_many_requests"]],
  // cancel-a-pending-or-processing-generation
  cancelImage: [
    [400, "generation_not_cancellable"],
    [404, "resource_not_found"],
    [429, "too_many_requests"],
  ],
  // get-a-single-generated-image + retrieve-image's Output URLs section: no bucket, so no 429
  getImageOutput: [
    [410, "output_expired"],
    [422, "output_not_available"],
  ],
  // upload-init (seed): extension/content_type mismatch is a 400 whose code the page leaves unnamed.
  initCharacterUpload: [
    [400, "parameter_invalid_combination"],
    [429, "too_many_requests"],
  ],
  // upload-classify (seed)
  classifyCharacterUpload: [
    [400, "upload_invalid"],
    [404, "resource_not_found"],
    [429, "too_many_requests"],
  ],
  // create-character: both flows or neither; credits and idempotency as on regenerate/resynthesize
  createCharacter: [
    [400, "parameter_invalid_combination"],
    [402, "insufficient_credits"],
    [409, "idempotency_key_in_use"],
    [429, "too_many_requests"],
  ],
  // list-characters: an unrecognised status filter
  listCharacters: [
    [400, "invalid_request"],
    [429, "too_many_requests"],
  ],
  // retrieve-character
  getCharacter: [
    [404, "resource_not_found"],
    [429, "too_many_requests"],
  ],
  // update-character
  updateCharacter: [
    [400, "invalid_request"],
    [404, "resource_not_found"],
    [429, "too_many_requests"],
  ],
  // delete-character
  deleteCharacter: [
    [404, "resource_not_found"],
    [429, "too_many_requests"],
  ],
  // save-character (seed)
  saveCharacter: [
    [400, "invalid_request_error"],
    [404, "resource_not_found"],
    [429, "too_many_requests"],
  ],
  // regenerate-ref (seed): note rate_limit_exceeded, not too_many_requests
  regenerateCharacterRef: [
    [400, "invalid_request_error"],
    [402, "insufficient_credits"],
    [404, "resource_not_found"],
    [409, "idempotency_key_in_use"],
    [429, "rate_limit_exceeded"],
  ],
  // resynthesize-character
  resynthesizeCharacter: [
    [400, "invalid_request_error"],
    [402, "insufficient_credits"],
    [404, "resource_not_found"],
    [409, "idempotency_key_in_use"],
    [429, "too_many_requests"],
  ],
};

/**
 * Where a page's (status, code) is deliberately answered otherwise, each recorded in
 * openapi/DECISIONS.md: the replacement must be documented instead, and the page's pair must not be.
 */
const REPLACED: Record<string, { page: [number, string]; spec: [number, string]; why: string }> = {
  resynthesizeCharacter: {
    page: [429, "too_many_requests"],
    spec: [429, "rate_limit_exceeded"],
    why: "one 429 code per bucket; characters_synthesize takes the regenerate seed's code",
  },
};

const STATUS_TYPE: Record<number, string> = {
  400: "invalid_request",
  401: "authentication",
  402: "invalid_request",
  403: "authentication",
  404: "not_found",
  409: "invalid_request",
  410: "not_found",
  413: "invalid_request",
  422: "invalid_request",
  429: "rate_limit",
  500: "server_error",
};

function errorResponses(operation: any) {
  return Object.entries<any>(operation.responses)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, ref]) => {
      const response = deref(spec, ref);
      const content = response.content["application/json"];
      return { status: Number(status), response, content, codes: documentedCodes(spec, content.schema) };
    });
}

const apiOperations = operations(spec).filter((o) => o.path.startsWith("/v1/"));

describe("documented errors", () => {
  it("covers every operation of the reference pages", () => {
    expect(apiOperations.map((o) => o.operation.operationId).sort()).toEqual(Object.keys(FROM_REFERENCE_PAGES).sort());
  });

  for (const [operationId, pairs] of Object.entries(FROM_REFERENCE_PAGES)) {
    it(`${operationId} documents every (status, code) of its page and the shared ones`, () => {
      const entry = apiOperations.find((o) => o.operation.operationId === operationId);
      expect(entry, operationId).toBeDefined();
      const documented = errorResponses(entry!.operation).flatMap((r) => r.codes.map((c) => `${r.status} ${c}`));
      const scoped = entry!.operation["x-aurous-scope"] === "write" ? WRITE_ONLY : [];
      const replaced = REPLACED[operationId];
      const isReplaced = ([status, code]: [number, string]) =>
        replaced?.page[0] === status && replaced.page[1] === code;
      for (const [status, code] of [...SHARED, ...scoped, ...pairs]) {
        if (isReplaced([status, code])) expect(documented, replaced!.why).not.toContain(`${status} ${code}`);
        else expect(documented).toContain(`${status} ${code}`);
      }
      if (replaced) expect(documented, replaced.why).toContain(`${replaced.spec[0]} ${replaced.spec[1]}`);
      if (!scoped.length) expect(documented).not.toContain("403 missing_scope");
    });
  }

  it("every error code of every response has a named example, and every example's code is documented there", () => {
    for (const { operation } of operations(spec)) {
      for (const { status, content, codes } of errorResponses(operation)) {
        const where = `${operation.operationId} ${status}`;
        expect(codes.length, where).toBeGreaterThan(0);
        const examples = Object.entries<any>(content.examples ?? {}).map(([name, ex]) => [name, deref(spec, ex).value]);
        expect(examples.map(([name]) => name).sort(), where).toEqual([...codes].sort());
        for (const [name, value] of examples) {
          expect(value.error.code, `${where} example ${name}`).toBe(name);
          expect(value.error.type, `${where} example ${name}`).toBe(STATUS_TYPE[status]);
        }
      }
    }
  });

  it("the error type is fixed by the status in every response schema", () => {
    for (const { operation } of operations(spec)) {
      for (const { status, content } of errorResponses(operation)) {
        const parts = deref(spec, content.schema).properties.error.allOf.map((p: any) => deref(spec, p));
        const narrowed = parts.find((p: any) => p.properties?.type?.const);
        expect(narrowed.properties.type.const, `${operation.operationId} ${status}`).toBe(STATUS_TYPE[status]);
      }
    }
  });
});
