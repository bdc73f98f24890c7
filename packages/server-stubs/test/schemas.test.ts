// The Ajv instances (schemas.ts): the first failure only, with its schema and data; the checked
// string formats refused when malformed, the annotation formats accepted; references rewritten into
// the registered spec, nothing else.
import { describe, expect, it, vi } from "vitest";
import { createSchemaCompiler, rewriteRefs, SPEC_ID } from "../src/runtime/schemas.js";

const compiler = createSchemaCompiler();

describe("createSchemaCompiler", () => {
  it("reports the first failure only, with the failing schema and data (verbose)", () => {
    const validate = compiler.strict({
      type: "object",
      properties: { a: { type: "string" }, b: { type: "string" } },
    });
    expect(validate({ a: 1, b: 2 })).toBe(false);
    expect(validate.errors).toHaveLength(1);
    expect(validate.errors![0]).toMatchObject({ instancePath: "/a", data: 1, schema: "string" });
  });

  it("checks the spec's string formats", () => {
    for (const [format, bad, good] of [
      ["email", "not-an-email", "a@example.test"],
      ["date-time", "yesterday", "2026-01-02T03:04:05Z"],
      ["date", "2026-13-45", "2026-01-02"],
      ["uri", "no scheme", "https://example.test/x"],
    ]) {
      const validate = compiler.strict({ type: "string", format });
      expect(validate(bad), format).toBe(false);
      expect(validate(good), format).toBe(true);
    }
  });

  it("accepts any value under an annotation format, as a known format (no 'unknown format' warning)", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const fresh = createSchemaCompiler();
    for (const format of ["int32", "int64", "double", "float", "binary"]) fresh.strict({ format });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(compiler.strict({ type: "integer", format: "int32" })(7)).toBe(true);
    expect(compiler.strict({ type: "number", format: "double" })(1.5)).toBe(true);
    expect(compiler.strict({ type: "string", format: "binary" })("\u0000raw")).toBe(true);
  });
});

describe("rewriteRefs", () => {
  it("points bundle-local references into the registered spec, leaving the input unchanged", () => {
    const schema = { items: [{ $ref: "#/components/schemas/Character" }], description: "x" };
    expect(rewriteRefs(schema)).toEqual({
      items: [{ $ref: `${SPEC_ID}#/components/schemas/Character` }],
      description: "x",
    });
    expect(schema.items[0]!.$ref).toBe("#/components/schemas/Character");
  });

  it("leaves external references and look-alike strings under other keys alone", () => {
    expect(rewriteRefs({ $ref: "https://example.test/s.json" })).toEqual({ $ref: "https://example.test/s.json" });
    expect(rewriteRefs({ description: "#/components/schemas/X", const: "#/a" })).toEqual({
      description: "#/components/schemas/X",
      const: "#/a",
    });
  });

  it("a property named $ref is a schema, not a reference", () => {
    const schema = { type: "object", properties: { $ref: { type: "string" } } };
    expect(rewriteRefs(schema)).toEqual(schema);
    const validate = compiler.strict({ ...schema, required: ["$ref"] });
    expect(validate({ $ref: "#/x" })).toBe(true);
    expect(validate({ $ref: 1 })).toBe(false);
  });
});
