// A new operation costs no hand-written line here: add one to a copy of the bundle and the matrix,
// the generic scenarios, the fault injection's requests and the fuzz cases all pick it up.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operationCases } from "../src/fuzz/cases.js";
import type { FuzzCase, FuzzContext } from "../src/fuzz/context.js";
import type { Recorder } from "../src/server/recorder.js";
import { specRequest } from "../src/server/requests.js";
import { genericScenarios } from "../src/server/scenarios/generic.js";
import type { World } from "../src/server/world.js";
import { loadSpec } from "../src/spec/bundle.js";
import { buildMatrix } from "../src/spec/matrix.js";
import { operationById } from "../src/spec/operations.js";
import type { OpenApiDocument } from "../src/spec/types.js";
import { clientCallArgs } from "./support/client-calls.js";

// Local fixture helper (a shared scripts/codegen/fixture-operation.mjs is on its way; dedupe then).
// GET /v1/characters/{id}/refs, built from getCharacter's own parameters and error responses.
function withFixtureOperation(bundle: OpenApiDocument): OpenApiDocument {
  const doc = structuredClone(bundle);
  const byId = doc.paths["/v1/characters/{id}"] as {
    parameters: unknown[];
    get: { responses: Record<string, { headers: unknown }> };
  };
  const responses = byId.get.responses;
  doc.paths["/v1/characters/{id}/refs"] = {
    parameters: structuredClone(byId.parameters),
    get: {
      operationId: "listCharacterRefs",
      "x-aurous-sdk": { resource: "characters", method: "listRefs" },
      summary: "List a character's refs",
      "x-aurous-scope": "read",
      responses: {
        "200": {
          description: "The refs.",
          headers: structuredClone(responses["200"]?.headers),
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["data"],
                properties: { data: { type: "array", items: { type: "object" } } },
              },
              examples: { refs: { value: { data: [] } } },
            },
          },
        },
        "401": structuredClone(responses["401"]),
        "404": structuredClone(responses["404"]),
      },
    },
  };
  return doc;
}

const doc = withFixtureOperation(loadSpec());
const op = operationById(doc, "listCharacterRefs");

describe("an operation added to the spec", () => {
  it("gets a matrix entry for each documented outcome", () => {
    const ids = buildMatrix(doc)
      .filter((e) => e.operationId === "listCharacterRefs")
      .map((e) => e.id);
    expect(ids).toEqual([
      "listCharacterRefs 200",
      "listCharacterRefs 401 missing_api_key",
      "listCharacterRefs 401 invalid_api_key",
      "listCharacterRefs 401 revoked_api_key",
      "listCharacterRefs 404 resource_not_found",
    ]);
  });

  it("gets a well-formed generic request: method, every path parameter filled", () => {
    const withState = specRequest(doc, op, { key: "k" }, { path: { id: "char_READY" } });
    expect(withState).toMatchObject({
      method: "GET",
      path: "/v1/characters/char_READY/refs",
      headers: { "X-Api-Key": "k" },
    });
    expect(withState.body).toBeUndefined();
    // Without state, the spec's example id fills the path.
    expect(specRequest(doc, op, { key: "k" }).path).toBe("/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR/refs");
  });

  it("gets the generic scenarios for each of its documented auth and not-found entries", async () => {
    const sent: Array<{ op: string; status: number; code: string | null; method: string; path: string }> = [];
    const rec = {
      doc,
      target: { keys: { full: "full", secondTeam: "second", revoked: "revoked", readOnly: "ro" } },
      async expect(opId: string, status: number, code: string | null, request: { method: string; path: string }) {
        sent.push({ op: opId, status, code, method: request.method, path: request.path });
        return { exchange: undefined, ok: true };
      },
    } as unknown as Recorder;
    const world = {
      rec,
      main: { key: "full" },
      second: { key: "second" },
      readyId: "char_READY",
      log: () => {},
    } as World;
    await genericScenarios(world);
    const mine = sent.filter((s) => s.op === "listCharacterRefs");
    expect(mine.map((s) => `${s.status} ${s.code}`)).toEqual([
      "401 missing_api_key",
      "401 invalid_api_key",
      "401 revoked_api_key",
      "404 resource_not_found",
    ]);
    for (const s of mine) expect(s.method).toBe("GET");
    expect(mine[0]?.path).toBe("/v1/characters/char_READY/refs");
    expect(mine.at(-1)?.path).toBe("/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR/refs");
  });

  it("gets fuzz cases: a read of an existing character succeeds, an unknown id is 404", () => {
    const ctx: FuzzContext = {
      apiKey: "k",
      apiVersion: doc.info.version,
      characterIds: ["char_REAL"],
      operations: [op],
    };
    const arb = operationCases(doc, ctx, op);
    expect(arb).not.toBeNull();
    const cases = fc.sample(arb as fc.Arbitrary<FuzzCase>, { numRuns: 300, seed: 7 });
    const valid = cases.filter((c) => c.kind === "valid");
    expect(valid.some((c) => c.request.path === "/v1/characters/char_REAL/refs" && c.expect.status === 200)).toBe(true);
    expect(valid.some((c) => c.expect.status === 404)).toBe(true);
    for (const c of cases) {
      expect(c.request.method).toBe("GET");
      expect(c.request.path).toMatch(/^\/v1\/characters\/[^/?]+\/refs(\?|$)/);
    }
  });

  it("gets a client call by the signature rule: client.characters.listRefs(id, options?)", () => {
    expect(op.sdk).toEqual({ resource: "characters", method: "listRefs" });
    expect(clientCallArgs(doc, op)).toEqual(["char_01HXMQ7Z3K8Y2NABCDEFGHJKMR"]);
  });
});
