// A fixture operation that the spec does not have, added to a copy of the bundled document, so that
// each generator and runtime can prove that a new operation needs no hand-written change: generate
// from the copy (`--spec <path>`) and check that the operation is typed, served and checked.
//   GET /v1/characters/{id}/refs   operationId listCharacterRefs   x-aurous-sdk characters.listRefs
// It is built only from the bundle's own components (the Aurous-Version and id parameters, the
// CharacterRef schema, the shared 401/404/429/500 responses), so it is as valid as its neighbours:
// documented 200, 400 (unknown_version), 401, 404, 429 (the characters_get bucket) and 500.
// Types: fixture-operation.d.mts. Plain ESM, like spec-model.mjs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const FIXTURE_OPERATION = Object.freeze({
  operationId: "listCharacterRefs",
  method: "get",
  path: "/v1/characters/{id}/refs",
  sdk: Object.freeze({ resource: "characters", method: "listRefs" }),
});

const ref = (pointer) => ({ $ref: pointer });
const RATE_HEADERS = [
  "Aurous-Version",
  "Aurous-Request-Id",
  "X-RateLimit-Limit",
  "X-RateLimit-Remaining",
  "X-RateLimit-Reset",
];
const headers = () => Object.fromEntries(RATE_HEADERS.map((name) => [name, ref(`#/components/headers/${name}`)]));

/** The OpenAPI operation object (its path item also carries the two shared path-level parameters). */
export function fixturePathItem() {
  return {
    parameters: [ref("#/components/parameters/Aurous-Version"), ref("#/components/parameters/CharacterIdPath")],
    [FIXTURE_OPERATION.method]: {
      operationId: FIXTURE_OPERATION.operationId,
      "x-aurous-sdk": { ...FIXTURE_OPERATION.sdk },
      tags: ["Characters"],
      summary: "List a character's refs (fixture)",
      description: "A fixture operation added by scripts/codegen/fixture-operation.mjs; not part of the API.",
      "x-aurous-scope": "read",
      "x-aurous-rate-limit": {
        bucket: "characters_get",
        error_code: "too_many_requests",
        sustained_per_minute: 120,
        burst: 240,
      },
      "x-aurous-credit-cost": { credits: 0 },
      "x-aurous-idempotency": { honours_key: false, naturally_idempotent: true },
      responses: {
        200: {
          description: "The character's refs.",
          headers: headers(),
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["object", "data"],
                properties: {
                  object: { type: "string", const: "list" },
                  data: { type: "array", items: ref("#/components/schemas/CharacterRef") },
                },
              },
            },
          },
        },
        400: {
          description: "The request was rejected; see `error.code` and `error.param`.",
          headers: headers(),
          content: { "application/json": { schema: ref("#/components/schemas/CharacterIdBadRequest") } },
        },
        401: ref("#/components/responses/Unauthorized"),
        404: ref("#/components/responses/NotFound"),
        429: ref("#/components/responses/ReadTooManyRequests"),
        500: ref("#/components/responses/InternalError"),
      },
    },
  };
}

/** A deep copy of the bundled document `doc` with the fixture operation added (throws if its path is taken). */
export function withFixtureOperation(doc) {
  const copy = structuredClone(doc);
  if (copy.paths[FIXTURE_OPERATION.path]) throw new Error(`the spec already has ${FIXTURE_OPERATION.path}`);
  copy.paths[FIXTURE_OPERATION.path] = fixturePathItem();
  return copy;
}

/**
 * A deep copy of `doc` where the operation `from` is also served under `path` as `operationId`
 * (x-aurous-sdk `sdk`), with everything else (security, body, responses) as `from` has it: a second
 * operation of the same kind, e.g. another signed-URL binary upload.
 */
export function withCopiedOperation(doc, { from, operationId, path, sdk }) {
  const copy = structuredClone(doc);
  if (copy.paths[path]) throw new Error(`the spec already has ${path}`);
  for (const [sourcePath, item] of Object.entries(copy.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op?.operationId !== from) continue;
      const clone = structuredClone(item);
      for (const other of Object.keys(clone))
        if (other !== method && other !== "parameters" && other !== "servers") delete clone[other];
      Object.assign(clone[method], { operationId, "x-aurous-sdk": { ...sdk } });
      if (sourcePath.split("{").length !== path.split("{").length)
        throw new Error(`${path} must keep the path parameters of ${sourcePath}`);
      copy.paths[path] = clone;
      return copy;
    }
  }
  throw new Error(`no operation ${from} to copy`);
}

/**
 * Writes the bundle at `bundlePath`, changed by `transform` (default: the fixture operation added),
 * to a fresh temp dir. Returns the new bundle's `path`, its `document`, and `cleanup()` (removes the dir).
 */
export function writeFixtureSpec(bundlePath, transform = withFixtureOperation) {
  const document = transform(JSON.parse(readFileSync(bundlePath, "utf8")));
  const dir = mkdtempSync(join(tmpdir(), "aurous-fixture-spec-"));
  const path = join(dir, "openapi.json");
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  return { path, dir, document, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
