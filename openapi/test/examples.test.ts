// Every example in the bundle must validate against the schema it illustrates (JSON Schema 2020-12),
// so docs, Prism's example responses and the mocks never show something the API would reject.
import { describe, expect, it } from "vitest";
import { deref, type Json, loadBundle, operations } from "./bundle.js";
import { pointer, specValidator } from "./validator.js";

const spec = loadBundle();
const validator = specValidator(spec);

interface Case {
  where: string;
  schemaRef: string;
  value: unknown;
}

function collect(): Case[] {
  const cases: Case[] = [];
  for (const { path, method, operation } of operations(spec)) {
    const opPtr = ["paths", path, method];
    const body = operation.requestBody;
    for (const [media, content] of Object.entries<Json>(body?.content ?? {})) {
      for (const [name, example] of Object.entries<Json>(content.examples ?? {})) {
        cases.push({
          where: `${operation.operationId} request ${media} example ${name}`,
          schemaRef: pointer(...opPtr, "requestBody", "content", media, "schema"),
          value: deref(spec, example).value,
        });
      }
    }
    for (const [status, responseOrRef] of Object.entries<Json>(operation.responses)) {
      const response = deref(spec, responseOrRef);
      const base = responseOrRef.$ref
        ? responseOrRef.$ref.replace(/^#\//, "").split("/")
        : [...opPtr, "responses", status];
      for (const [media, content] of Object.entries<Json>(response.content ?? {})) {
        for (const [name, example] of Object.entries<Json>(content.examples ?? {})) {
          cases.push({
            where: `${operation.operationId} ${status} example ${name}`,
            schemaRef: pointer(...base, "content", media, "schema"),
            value: deref(spec, example).value,
          });
        }
      }
    }
  }
  for (const [name, parameter] of Object.entries<Json>(spec.components.parameters ?? {})) {
    if (parameter.example !== undefined) {
      cases.push({
        where: `parameter ${name}`,
        schemaRef: pointer("components", "parameters", name, "schema"),
        value: parameter.example,
      });
    }
  }
  for (const [name, schema] of Object.entries<Json>(spec.components.schemas ?? {})) {
    for (const [i, value] of (schema.examples ?? []).entries()) {
      cases.push({ where: `schema ${name} example ${i}`, schemaRef: pointer("components", "schemas", name), value });
    }
  }
  return cases;
}

const cases = collect();

describe("examples", () => {
  it("exist in quantity (the walk found the examples)", () => {
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(cases.map((c) => [c.where, c] as const))("%s validates against its schema", (_where, c) => {
    const validate = validator.at(c.schemaRef);
    const ok = validate(c.value);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the validator really rejects an example that breaks its schema", () => {
    const validate = validator.at(pointer("components", "schemas", "Character"));
    expect(validate({ id: "char_nope", object: "character" })).toBe(false);
  });
});
