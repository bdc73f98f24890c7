// The generator on a spec the client does not have yet: a new operation (on a new resource) gets
// its function and method with no hand-written code, and the rule's edge cases hold.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readSpecModel } from "../../../scripts/codegen/spec-model.mjs";
import { renderOperations, renderResources, signatureOf } from "../scripts/generate-operations.mjs";
import { operations } from "../src/generated/meta.js";
import { model as specModel } from "./support/contract.js";

const bundle = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../openapi/dist/openapi.json", import.meta.url)), "utf8"),
);
const template = bundle.paths["/v1/characters/{id}"].get;

/** The bundle plus one GET operation, `path` and `parameters` as given. */
function withOperation(path: string, parameters: unknown[], extra: Record<string, unknown> = {}) {
  const doc = structuredClone(bundle);
  doc.paths[path] = {
    get: {
      ...template,
      ...extra,
      operationId: "getImageVariant",
      "x-aurous-sdk": { resource: "images", method: "getVariant" },
      parameters,
    },
  };
  return readSpecModel(doc);
}

const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

describe("generate-operations", () => {
  it("gives a new operation on a new resource its function, its method and its resource", () => {
    const model = withOperation("/v1/images/{image-id}/variants/{class}", [pathParam("image-id"), pathParam("class")]);
    const operations = renderOperations(model);
    expect(operations).toContain("export function getImageVariant(");
    // Path order, names made safe for TypeScript, sent under their own names.
    expect(operations).toContain("  image_id: string,\n  class_: string,\n  options?: CallOptions,");
    expect(operations).toContain("path: { 'image-id': image_id, 'class': class_ }");
    const resources = renderResources(model);
    expect(resources).toContain("export class ImagesResource {");
    expect(resources).toContain("getVariant(image_id: string, class_: string, options?: CallOptions)");
    expect(resources).toContain("this.images = new ImagesResource(core);");
  });

  it("makes the query required when one query parameter is", () => {
    const query = (required: boolean) => ({ name: "size", in: "query", required, schema: { type: "integer" } });
    const optional = signatureOf(withOperation("/v1/images", [query(false)]).operation("getImageVariant"));
    expect(optional.params.map((p) => `${p.name}${p.optional ? "?" : ""}`)).toEqual(["query?", "options?"]);
    const required = signatureOf(withOperation("/v1/images", [query(true)]).operation("getImageVariant"));
    expect(required.params.map((p) => `${p.name}${p.optional ? "?" : ""}`)).toEqual(["query", "options?"]);
  });

  it("types a binary success as a Blob, decided by its media types, not its name", () => {
    const ok = template.responses["200"];
    const bytes = { type: "string", contentMediaType: "application/octet-stream" };
    const model = withOperation("/v1/images/{id}/variant", [pathParam("id")], {
      responses: { ...template.responses, 200: { ...ok, content: { "application/octet-stream": { schema: bytes } } } },
    });
    expect(signatureOf(model.operation("getImageVariant")).result).toBe("Blob");
    expect(renderOperations(model)).toContain("): Promise<ApiResult<Blob>> {");
    expect(signatureOf(model.operation("getCharacter")).result).toBe("Character");
  });

  it("marks exactly the operations whose success media are all binary with binaryResponse", () => {
    for (const op of specModel.operations) {
      const meta = operations[op.operationId as keyof typeof operations] as { binaryResponse?: boolean };
      expect(meta.binaryResponse, op.operationId).toBe(op.success.binary ? true : undefined);
    }
    expect(specModel.operations.filter((op) => op.success.binary).map((op) => op.operationId)).toEqual([
      "getImageOutput",
    ]);
  });

  it("refuses query parameters beside a body instead of dropping them", () => {
    const body = bundle.paths["/v1/characters"].post.requestBody;
    const model = withOperation("/v1/images", [{ name: "size", in: "query", schema: { type: "integer" } }], {
      requestBody: body,
    });
    expect(() => renderOperations(model)).toThrow(/query parameters beside a request body/);
  });
});
