// Responses are written by serializers compiled from the closed response schemas. They must write
// every documented answer unchanged, never write an undocumented field, and never hide from
// response validation what it used to catch (see src/runtime/serializers.ts).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type ErrorReport, type Implementation, operations } from "../src/index.js";
import { createSchemaCompiler } from "../src/runtime/schemas.js";
import { nullablesForSerializer, responseSerializers } from "../src/runtime/serializers.js";
import { AUTH, CHAR_ID, character, implementation, server } from "./helpers.js";

type Json = Record<string, any>;
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@aurous/openapi/openapi.json"), "utf8"),
) as Json;
const deref = (node: Json): Json =>
  typeof node?.$ref === "string"
    ? deref(
        node.$ref
          .split("/")
          .slice(1)
          .reduce((n: Json, k: string) => n[k], spec),
      )
    : node;

/** Every JSON example of every documented response: [operationId, status, name, value]. */
function examples(): Array<[string, string, string, unknown]> {
  const out: Array<[string, string, string, unknown]> = [];
  for (const item of Object.values(spec.paths as Json)) {
    for (const op of Object.values(item as Json)) {
      if (!op?.operationId || !op.responses) continue;
      for (const [status, response] of Object.entries(op.responses as Json)) {
        const media = deref(response).content?.["application/json"];
        if (!media) continue;
        if (media.example !== undefined) out.push([op.operationId, status, "example", media.example]);
        for (const [name, ex] of Object.entries((media.examples ?? {}) as Json))
          out.push([op.operationId, status, name, deref(ex).value]);
      }
    }
  }
  return out;
}

describe("compiled serializers", () => {
  const all = examples();
  const compiler = createSchemaCompiler();

  it("cover the spec's examples", () => expect(all.length).toBeGreaterThan(50));

  it("write every valid documented example unchanged (same JSON value as JSON.stringify)", () => {
    let checked = 0;
    for (const [operationId, status, name, value] of all) {
      const meta = operations[operationId as keyof typeof operations];
      const schema = meta.responses[status]?.schema;
      if (!schema) continue;
      // Only examples our own server could send (closed world) are its business.
      if (!compiler.strict(schema)(value)) continue;
      const serialize = responseSerializers(meta).get(status)!;
      expect(JSON.parse(serialize(value)), `${operationId} ${status} ${name}`).toEqual(value);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('write both sides of an "X or null" field unchanged (their oneOf becomes nullable X)', () => {
    const serialize = responseSerializers(operations.getCharacter).get("200")!;
    for (const value of [
      character({ attributes: null, client_reference_id: null }),
      character({ attributes: { gender: "female", age: 28 }, client_reference_id: "order-42" }),
    ]) {
      expect(compiler.strict(operations.getCharacter.responses["200"]!.schema!)(value)).toBe(true);
      expect(JSON.parse(serialize(value))).toEqual(value);
    }
  });
});

describe("nullablesForSerializer", () => {
  const X = { type: "object", properties: { a: { type: "string" } } };

  it('turns oneOf/anyOf of X and {type: "null"} (either order, with a description) into nullable X', () => {
    expect(nullablesForSerializer({ description: "d", oneOf: [X, { type: "null" }] })).toEqual({
      description: "d",
      allOf: [X],
      nullable: true,
    });
    expect(nullablesForSerializer({ anyOf: [{ type: "null", description: "none" }, X] })).toEqual({
      allOf: [X],
      nullable: true,
    });
  });

  it("rewrites nested schemas and arrays, returns scalars as they are, leaves the input unchanged", () => {
    const input = { type: "object", properties: { p: { oneOf: [{ type: "null" }, X] } }, required: ["p"] };
    expect(nullablesForSerializer(input)).toEqual({
      type: "object",
      properties: { p: { allOf: [X], nullable: true } },
      required: ["p"],
    });
    expect(input.properties.p.oneOf).toHaveLength(2);
    expect(nullablesForSerializer([{ anyOf: [X, { type: "null" }] }, 3])).toEqual([{ allOf: [X], nullable: true }, 3]);
    for (const scalar of ["s", 0, 1, true, false, null, undefined]) expect(nullablesForSerializer(scalar)).toBe(scalar);
  });

  it("leaves every other oneOf/anyOf alone", () => {
    for (const schema of [
      { oneOf: [X, { type: "string" }] }, // no null branch
      { oneOf: [{ type: "null" }, { type: "null" }] }, // nothing but null
      { oneOf: [X, { type: "string" }, { type: "null" }] }, // three branches
      { oneOf: [X] },
      { oneOf: [X, { type: "null", title: "nothing" }] }, // a null branch with more than a description
      { oneOf: [X, { type: ["null"] }] },
      { oneOf: "not an array", anyOf: { 0: X, 1: { type: "null" }, length: 2 } },
      { allOf: [X, { type: "null" }] },
    ])
      expect(nullablesForSerializer(schema), JSON.stringify(schema)).toEqual(schema);
  });

  it("a branch that is not a schema object (null, true, a string) is never the null branch", () => {
    for (const other of [null, true, "null"])
      expect(nullablesForSerializer({ oneOf: [other, { type: "null" }] })).toEqual({ allOf: [other], nullable: true });
    expect(nullablesForSerializer({ oneOf: [null, "null"] })).toEqual({ oneOf: [null, "null"] });
  });
});

describe("responseSerializers", () => {
  it("compiles an operation's serializers once per process: every server shares them", () => {
    const first = responseSerializers(operations.getCharacter);
    expect(responseSerializers(operations.getCharacter)).toBe(first);
    expect(first.get("200")).toBeTypeOf("function");
  });
});

const GET = `/v1/characters/${CHAR_ID}`;
const reports: ErrorReport[] = [];
const opened: Array<{ close(): Promise<unknown> }> = [];
function appWith(overrides: Partial<Implementation>, validateResponses: boolean) {
  const app = server({
    implementation: implementation(overrides),
    validateResponses,
    onError: (_e, report) => reports.push(report),
  });
  opened.push(app);
  return app;
}
afterEach(() => {
  reports.length = 0;
});
afterAll(async () => {
  await Promise.all(opened.map((a) => a.close()));
});

const withExtras = () => ({
  ...character({ attributes: { gender: "female", age: 28 } }),
  internal_note: "not documented",
  refs: [{ pose: "front", url: "https://example.test/ref.png", storage_key: "s3://secret" }],
});

describe("an undocumented field in a handler's answer", () => {
  it("validation on: refused with 500 internal_error and reported, as before the serializer", async () => {
    const app = appWith({ getCharacter: () => ({ status: 200, body: withExtras() }) as never }, true);
    const res = await app.inject({ method: "GET", url: GET, headers: AUTH });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe("internal_error");
    expect(res.body).not.toContain("not documented");
    expect(reports.map((r) => r.reason)).toEqual(["off_spec_response"]);
  });

  it("validation off: never sent (closed world), the documented fields are", async () => {
    const app = appWith({ getCharacter: () => ({ status: 200, body: withExtras() }) as never }, false);
    const res = await app.inject({ method: "GET", url: GET, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.json()).toEqual(character({ attributes: { gender: "female", age: 28 } }));
  });

  it("validation off: a body the schema cannot describe is sent as returned and flagged off_spec_response", async () => {
    const broken = { ...character(), attributes: { gender: "female", age: "not a number" } };
    const app = appWith({ getCharacter: () => ({ status: 200, body: broken }) as never }, false);
    const res = await app.inject({ method: "GET", url: GET, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(broken);
    expect(reports.map((r) => r.reason)).toEqual(["off_spec_response"]);
  });

  it("error envelopes go through their status's serializer too", async () => {
    const app = appWith(
      { getCharacter: (req) => req.fail(404, "resource_not_found", "No character with this id.", "id") },
      false,
    );
    const res = await app.inject({ method: "GET", url: GET, headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: "resource_not_found",
      param: "id",
      request_id: res.headers["aurous-request-id"],
    });
  });
});
