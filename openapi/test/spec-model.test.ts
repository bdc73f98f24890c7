// The spec model (scripts/codegen/spec-model.mjs) is what every generator and checker reads, so it
// is checked here against the bundle, and on small documents for the rules it enforces.
import { describe, expect, it } from "vitest";
import { readSpecModel } from "../../scripts/codegen/spec-model.mjs";
import { loadBundle } from "./bundle.js";

const bundle = loadBundle();
const model = readSpecModel(bundle);

/** A one-operation document; `patch` edits the operation. */
function tiny(patch: Record<string, unknown> = {}) {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "2026-05-15" },
    components: {
      securitySchemes: {
        Key: { type: "apiKey", in: "header", name: "X-Api-Key" },
        Sig: { type: "apiKey", in: "query", name: "signature" },
      },
    },
    security: [{ Key: [] }],
    paths: {
      "/v1/things/{id}": {
        get: {
          operationId: "getThing",
          "x-aurous-sdk": { resource: "things", method: "get" },
          responses: { "200": { description: "ok" } },
          ...patch,
        },
      },
    },
  };
}

describe("spec model", () => {
  it("lists every operation of the bundle once, each with one success and its client name", () => {
    // The one independent reader of the bundle in the tests: every HTTP method OpenAPI allows, so an
    // operation the model does not read (say, under `head`) cannot slip past the tests that use it.
    const methods = ["get", "put", "post", "patch", "delete", "options", "head", "trace"];
    const raw = Object.values(bundle.paths).flatMap((item: any) =>
      methods.filter((m) => item[m]).map((m) => item[m].operationId),
    );
    expect(model.operations.map((o) => o.operationId).sort()).toEqual(raw.sort());
    for (const op of model.operations) {
      expect(op.success.kind).toBe("success");
      expect(op.sdk.resource).toMatch(/^[a-z][A-Za-z]*$/);
    }
  });

  it("reads every documented error code of a status, narrowed per operation", () => {
    const notFound = model.operation("getCharacter").errors.find((r) => r.status === 404);
    expect(notFound?.errorType).toBe("not_found");
    expect(notFound?.codes).toEqual(["resource_not_found"]);
  });

  it("tells the signed-URL binary upload apart from API-key JSON operations by the spec alone", () => {
    const put = model.operation("uploadCharacterImage");
    expect(put.credential).toBe("signed-url");
    expect(put.requestBody?.binary).toBe(true);
    expect(put.versioned).toBe(false);
    const init = model.operation("initCharacterUpload");
    expect(init.credential).toBe("api-key");
    expect(init.requestBody?.binary).toBe(false);
    expect(init.versioned).toBe(true);
    expect(readSpecModel(tiny({ security: [{ Sig: [] }] })).operations[0].credential).toBe("signed-url");
  });

  it("tells a binary success (the image download) from JSON ones by its media types", () => {
    const output = model.operation("getImageOutput");
    expect(output.success.binary).toBe(true);
    expect(output.success.media.map((m) => m.contentType)).toEqual(["image/png", "image/jpeg", "image/webp"]);
    // Its errors are still the JSON envelope.
    expect(output.errors.every((r) => !r.binary && r.contentType === "application/json")).toBe(true);
    expect(model.operation("getImage").success.binary).toBe(false);
    // A 204 has no media at all, which is not binary either.
    expect(model.operation("uploadCharacterImage").success.binary).toBe(false);
  });

  it("finds the URL-token alternative of an API-key operation (the output URL's token), and only there", () => {
    const output = model.operation("getImageOutput");
    expect(output.credential).toBe("api-key");
    expect(output.urlToken).toEqual({ paramName: "token" });
    expect(output.success.media.every((m) => m.binary)).toBe(true);
    expect(model.operation("getImage").urlToken).toBeNull();
    expect(model.operation("uploadCharacterImage").urlToken).toBeNull();
    const either = readSpecModel(tiny({ security: [{ Key: [] }, { Sig: [] }] })).operations[0];
    expect([either.credential, either.urlToken]).toEqual(["api-key", { paramName: "signature" }]);
    // Both together (key AND query) is no alternative to the key.
    const both = readSpecModel(tiny({ security: [{ Key: [], Sig: [] }] })).operations[0];
    expect(both.urlToken).toBeNull();
  });

  it("merges path-level parameters and keeps what errors call them", () => {
    const get = model.operation("getCharacter");
    expect(get.parameters.find((p) => p.in === "path")?.errorParam).toBe("character_id");
    expect(get.pathParamNames).toEqual(["id"]);
    expect(get.routePath).toBe("/v1/characters/:id");
  });

  it("refuses an operation without a client name, a duplicate name, or an unnarrowed error", () => {
    expect(() => readSpecModel(tiny({ "x-aurous-sdk": undefined }))).toThrow(/getThing: x-aurous-sdk/);
    const twice = tiny();
    (twice.paths as any)["/v1/other"] = {
      get: {
        operationId: "otherThing",
        "x-aurous-sdk": { resource: "things", method: "get" },
        responses: { "200": { description: "ok" } },
      },
    };
    expect(() => readSpecModel(twice)).toThrow(/things\.get is already taken/);
    const bare = tiny({
      responses: {
        "200": { description: "ok" },
        "404": { description: "no", content: { "application/json": { schema: { type: "object" } } } },
      },
    });
    expect(() => readSpecModel(bare)).toThrow(/getThing 404: an error response must narrow/);
    expect(() => model.operation("nope")).toThrow(/no operation nope/);
  });
});
