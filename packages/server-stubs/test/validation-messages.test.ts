// The wording and `param` of validation failures (describeFailure, pointerToParam, the envelope's
// printable limits) and the code a failure answers with (validationCodeFor / rejectValidation).

import type { ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
import type { OperationMeta, ParameterMeta } from "../src/contract/meta.js";
import { createSchemaCompiler } from "../src/runtime/schemas.js";
import {
  compileRequestValidator,
  describeFailure,
  pointerToParam,
  type RequestParts,
  rejectValidation,
  validationCodeFor,
} from "../src/runtime/validation.js";

const compiler = createSchemaCompiler();

function meta(opts: {
  codes?: string[];
  override?: string | null;
  parameters?: ParameterMeta[];
  body?: Record<string, unknown> | null;
}): OperationMeta {
  return {
    operationId: "testOp",
    validationErrorCode: opts.override ?? null,
    parameters: opts.parameters ?? [],
    requestBody: opts.body
      ? { required: true, contentTypes: ["application/json"], binary: false, jsonSchema: opts.body }
      : null,
    responses: {
      "400": {
        status: "400",
        kind: "error",
        codes: opts.codes ?? ["invalid_format"],
        schema: null,
        headers: {},
        contentTypes: [],
        binary: false,
      },
    },
  } as unknown as OperationMeta;
}

function parts(p: Partial<RequestParts>): RequestParts {
  return { params: {}, query: {}, headers: {}, body: undefined, ...p };
}

/** The rejection a validator throws, as a caller sees it in the envelope. */
function rejection(fn: () => unknown): { status: number; code: string; message: string; param: string | null } {
  try {
    fn();
  } catch (e) {
    const f = e as { status: number; code: string; message: string; param: string | null };
    return { status: f.status, code: f.code, message: f.message, param: f.param };
  }
  throw new Error("expected a rejection");
}

function err(e: Partial<ErrorObject>): ErrorObject {
  return { instancePath: "", schemaPath: "#", keyword: "type", params: {}, ...e } as ErrorObject;
}

describe("validationCodeFor / rejectValidation", () => {
  it("falls back to invalid_format when the kind itself is not documented", () => {
    expect(validationCodeFor(meta({ codes: ["invalid_format"] }), "missing_field")).toBe("invalid_format");
    expect(validationCodeFor(meta({ codes: ["missing_field", "invalid_format"] }), "missing_field")).toBe(
      "missing_field",
    );
    expect(validationCodeFor(meta({ codes: [] }), "missing_field")).toBeUndefined();
  });

  it("rejects with invalid_format when the op documents no validation code", () => {
    const r = rejectValidation(meta({ codes: [] }), "missing_field", "x is required.", "x");
    expect([r.status, r.code, r.message, r.param]).toEqual([400, "invalid_format", "x is required.", "x"]);
  });
});

describe("pointerToParam", () => {
  it("is empty for the root pointer, even when the data is an array", () => {
    expect(pointerToParam("", [1, 2])).toBe("");
    expect(pointerToParam("", {})).toBe("");
  });

  it("unescapes ~1 and ~0 in segments", () => {
    expect(pointerToParam("/a~1b/c~0d", {})).toBe("a/b.c~d");
  });

  it("walks past null and missing values without failing", () => {
    expect(pointerToParam("/a/b/c", { a: null })).toBe("a.b.c");
    expect(pointerToParam("/a/0", { a: [1] })).toBe("a[0]");
  });
});

describe("describeFailure", () => {
  it("prefixes a parameter's own name to a nested path", () => {
    const r = describeFailure(err({ instancePath: "/a", message: "must be string" }), { a: 1 }, "q");
    expect(r).toEqual({ kind: "invalid_format", param: "q.a", message: "q.a must be string." });
  });

  it("names a missing field under its parent", () => {
    const r = describeFailure(err({ instancePath: "/a", keyword: "required", params: { missingProperty: "b" } }), {
      a: {},
    });
    expect(r).toEqual({ kind: "missing_field", param: "a.b", message: "a.b is required." });
  });

  it("names both fields of a dependentRequired pair under their parent", () => {
    const r = describeFailure(
      err({
        instancePath: "/size",
        keyword: "dependentRequired",
        params: { property: "width", missingProperty: "height" },
      }),
      { size: { width: 1 } },
    );
    expect(r).toEqual({
      kind: "missing_field",
      param: "size.height",
      message: "size.height is required when size.width is sent.",
    });
  });

  it("reports an empty key on the object holding it (the body at the root)", () => {
    const root = describeFailure(err({ keyword: "additionalProperties", params: { additionalProperty: "" } }), {});
    expect(root).toEqual({
      kind: "invalid_format",
      param: null,
      message: "The request body has an empty key, which is not a recognised field.",
    });
    const nested = describeFailure(
      err({ instancePath: "/a", keyword: "additionalProperties", params: { additionalProperty: "" } }),
      { a: {} },
    );
    expect(nested).toEqual({
      kind: "invalid_format",
      param: "a",
      message: "a has an empty key, which is not a recognised field.",
    });
  });

  const extra = (data: unknown, parentSchema?: ErrorObject["parentSchema"]) =>
    describeFailure(
      err({ keyword: "additionalProperties", params: { additionalProperty: "x" }, data, parentSchema }),
      data,
    );

  it("names a single unknown key in the singular", () => {
    expect(extra({ x: 1 }, { properties: {} })).toEqual({
      kind: "invalid_format",
      param: "x",
      message: "x is not a recognised field.",
    });
  });

  it("names every unknown key, even without a parent schema", () => {
    expect(extra({ x: 1, y: 2 })).toEqual({
      kind: "invalid_format",
      param: "x",
      message: "x, y are not recognised fields.",
    });
    expect(extra({ x: 1, y: 2, z: 3 }, { properties: { z: {} } }).message).toBe("x, y are not recognised fields.");
  });

  it("falls back to the first key when the failing data is not an object", () => {
    expect(extra(undefined, { properties: {} }).message).toBe("x is not a recognised field.");
    expect(extra(null, { properties: {} }).message).toBe("x is not a recognised field.");
    expect(extra("ab", { properties: {} }).message).toBe("x is not a recognised field.");
    expect(extra(["a", "b"], { properties: {} }).message).toBe("x is not a recognised field.");
  });

  it("lists an enum's allowed values", () => {
    const r = describeFailure(
      err({
        instancePath: "/e",
        keyword: "enum",
        params: { allowedValues: ["a", "b"] },
        message: "must be equal to one of the allowed values",
      }),
      { e: "c" },
    );
    expect(r).toEqual({ kind: "invalid_format", param: "e", message: "e must be one of a, b." });
  });

  it("words a failure at the root as the request body's", () => {
    expect(describeFailure(err({ message: "must be object" }), 1)).toEqual({
      kind: "invalid_format",
      param: null,
      message: "The request body must be object.",
    });
    expect(describeFailure(err({ keyword: "enum", params: { allowedValues: ["a"] } }), "b").message).toBe(
      "The request body must be one of a.",
    );
  });

  it("uses ajv's message, or 'is invalid' without one", () => {
    expect(describeFailure(err({ instancePath: "/a", message: "must be string" }), { a: 1 }).message).toBe(
      "a must be string.",
    );
    expect(describeFailure(err({ instancePath: "/a" }), { a: 1 }).message).toBe("a is invalid.");
    expect(describeFailure(err({ instancePath: "/a", keyword: "maxLength" }), { a: "xx" }).kind).toBe(
      "value_out_of_range",
    );
  });
});

describe("the envelope's printable limits", () => {
  const bodyOp = (properties: Record<string, unknown>) =>
    compileRequestValidator(meta({ body: { type: "object", properties, additionalProperties: false } }), compiler);

  it("replaces control characters in param and message", () => {
    const r = rejection(() => bodyOp({})(parts({ body: { "a\u0001b": 1 } })));
    expect(r).toEqual({ status: 400, code: "invalid_format", message: "a?b is not a recognised field.", param: "a?b" });
  });

  it("keeps a 256-character param whole and cuts a longer one with an ellipsis", () => {
    const k256 = "k".repeat(256);
    expect(rejection(() => bodyOp({})(parts({ body: { [k256]: 1 } }))).param).toBe(k256);
    const long = "k".repeat(300);
    expect(rejection(() => bodyOp({})(parts({ body: { [long]: 1 } }))).param).toBe(`${"k".repeat(255)}…`);
  });

  it("keeps a 2000-character message whole and cuts a longer one with an ellipsis", () => {
    // "e must be one of " (17) + value + "." (1)
    const exact = "a".repeat(1982);
    const m1 = rejection(() => bodyOp({ e: { enum: [exact] } })(parts({ body: { e: "b" } }))).message;
    expect(m1).toBe(`e must be one of ${exact}.`);
    expect(m1).toHaveLength(2000);
    const over = "a".repeat(1983);
    const m2 = rejection(() => bodyOp({ e: { enum: [over] } })(parts({ body: { e: "b" } }))).message;
    expect(m2).toBe(`${`e must be one of ${over}`.slice(0, 1999)}…`);
  });
});

describe("parameter groups", () => {
  const q = (name: string, schema: Record<string, unknown>, required = false): ParameterMeta =>
    ({ name, in: "query", required, schema, errorParam: null }) as unknown as ParameterMeta;

  it("accepts only plain decimals for a number parameter", () => {
    const v = compileRequestValidator(meta({ parameters: [q("ratio", { type: "number" })] }), compiler);
    expect(v(parts({ query: { ratio: "1.5" } })).query).toEqual({ ratio: 1.5 });
    expect(rejection(() => v(parts({ query: { ratio: "1e2" } })))).toEqual({
      status: 400,
      code: "invalid_format",
      message: "ratio must be a number written in plain decimal digits.",
      param: "ratio",
    });
  });

  it("leaves Aurous-Version to its own step", () => {
    const version = {
      name: "Aurous-Version",
      in: "header",
      required: true,
      schema: { type: "string", enum: ["2026-01-01"] },
      errorParam: null,
    } as unknown as ParameterMeta;
    const v = compileRequestValidator(meta({ parameters: [version] }), compiler);
    expect(v(parts({})).headers).toEqual({});
    expect(v(parts({ headers: { "aurous-version": "1999-01-01" } })).headers).toEqual({
      "Aurous-Version": "1999-01-01",
    });
  });

  it("passes no query through when the op documents none", () => {
    const v = compileRequestValidator(meta({}), compiler);
    expect(v(parts({ query: { a: "1" } })).query).toEqual({});
  });

  it("keeps query names as spelled and enforces required ones", () => {
    const v = compileRequestValidator(
      meta({ codes: ["missing_field", "invalid_format"], parameters: [q("Limit", { type: "integer" }, true)] }),
      compiler,
    );
    expect(v(parts({ query: { Limit: "5" } })).query).toEqual({ Limit: 5 });
    expect(rejection(() => v(parts({})))).toEqual({
      status: 400,
      code: "missing_field",
      message: "Limit is required.",
      param: "Limit",
    });
  });
});
