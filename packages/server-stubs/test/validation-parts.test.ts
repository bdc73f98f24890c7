// compileRequestValidator on operations of its own, not the spec's: how path, query, header and body
// parts are coerced, checked and reported (kind, message, param, location), and what the handler
// receives. Covers what the spec's operations cannot reach: numeric and required headers with
// capitals, nested parameter errors, binary bodies, a path and a query parameter of the same name.
import { describe, expect, it } from "vitest";
import type { OperationMeta, ParameterMeta } from "../src/contract/meta.js";
import { operations } from "../src/index.js";
import { COMBINATION } from "../src/runtime/combination.js";
import { RuntimeReject } from "../src/runtime/errors.js";
import { createSchemaCompiler } from "../src/runtime/schemas.js";
import {
  compileRequestValidator,
  type RequestParts,
  type ValidationKind,
  type ValidationLocation,
} from "../src/runtime/validation.js";

const compiler = createSchemaCompiler();

const errorResponse = (status: number, codes: string[]) => ({
  status,
  kind: "error",
  errorType: "invalid_request_error",
  codes,
  schema: null,
  headers: {},
  contentTypes: ["application/json"],
  binary: false,
});

/** An operation with the given parameters and body; 400 documents every validation code. */
function op(over: Partial<OperationMeta> & { notFound?: boolean } = {}): OperationMeta {
  const { notFound = false, ...rest } = over;
  const responses: Record<string, unknown> = {
    "400": errorResponse(400, [
      "missing_field",
      "value_out_of_range",
      "invalid_format",
      "parameter_invalid_combination",
    ]),
  };
  if (notFound) responses["404"] = errorResponse(404, ["resource_not_found"]);
  return {
    ...operations.getCharacter,
    validationErrorCode: null,
    parameters: [],
    requestBody: null,
    ...rest,
    responses,
  } as unknown as OperationMeta;
}

const param = (
  name: string,
  where: ParameterMeta["in"],
  schema: Record<string, unknown>,
  extra: Partial<ParameterMeta> = {},
): ParameterMeta => ({ name, in: where, required: false, errorParam: name, schema, ...extra }) as ParameterMeta;

const jsonBody = (schema: Record<string, unknown>, required = true) =>
  ({ required, contentTypes: ["application/json"], binary: false, jsonSchema: schema }) as OperationMeta["requestBody"];

interface Seen {
  kind: ValidationKind;
  message: string;
  param: string | null;
  location: ValidationLocation;
}

/** A validator whose rejections record what they were given. */
function recording(meta: OperationMeta) {
  const validate = compileRequestValidator(meta, compiler, (kind, message, p, location) => {
    throw { seen: { kind, message, param: p, location } };
  });
  return (parts: Partial<RequestParts>): Seen => {
    try {
      validate({ params: {}, query: {}, headers: {}, body: undefined, ...parts });
    } catch (e) {
      return (e as { seen: Seen }).seen;
    }
    throw new Error("the request must be rejected");
  };
}

const run = (meta: OperationMeta, parts: Partial<RequestParts>) =>
  compileRequestValidator(meta, compiler)({ params: {}, query: {}, headers: {}, body: undefined, ...parts });

describe("headers", () => {
  const meta = op({
    parameters: [
      param("X-Count", "header", { type: "integer", minimum: 1 }),
      param("X-Trace", "header", { type: "string" }, { required: true }),
    ],
  });

  it("names a numeric header that is not a plain decimal by its spec name, as invalid_format", () => {
    expect(recording(meta)({ headers: { "x-count": "0x10", "x-trace": "t" } })).toEqual({
      kind: "invalid_format",
      message: "X-Count must be an integer written in plain decimal digits.",
      param: "X-Count",
      location: "header",
    });
  });

  it("names a missing required header by its spec name", () => {
    expect(recording(meta)({ headers: { "x-count": "2" } })).toEqual({
      kind: "missing_field",
      message: "X-Trace is required.",
      param: "X-Trace",
      location: "header",
    });
  });

  it("answers a header failing its schema from the header location", () => {
    expect(recording(meta)({ headers: { "x-count": "0", "x-trace": "t" } })).toMatchObject({
      kind: "value_out_of_range",
      param: "X-Count",
      location: "header",
    });
  });

  it("hands over only the headers sent, under their spec names, with Aurous-Version when sent", () => {
    const sent = run(meta, { headers: { "x-trace": "t", "aurous-version": "2026-05-15", other: "x" } });
    expect(sent.headers).toStrictEqual({ "X-Trace": "t", "Aurous-Version": "2026-05-15" });
    const plain = run(meta, { headers: { "x-trace": "t" } });
    expect(Object.keys(plain.headers)).toEqual(["X-Trace"]);
  });

  it("hands over no header an operation does not document, whatever its case", () => {
    const out = run(op(), { headers: { S: "x", s: "y", t: "z" } });
    expect(out.headers).toStrictEqual({});
  });
});

describe("query", () => {
  it("reports a nested failure of an object parameter by its full path", () => {
    const meta = op({
      parameters: [
        param("filter", "query", {
          type: "object",
          properties: { inner: { type: "object", properties: { n: { type: "integer", maximum: 5 } } } },
        }),
      ],
    });
    expect(recording(meta)({ query: { filter: { inner: { n: 9 } } } })).toMatchObject({
      kind: "value_out_of_range",
      param: "filter.inner.n",
      location: "query",
    });
  });
});

describe("path", () => {
  it("answers a path number that is not a plain decimal as invalid_format, from the path", () => {
    const meta = op({ notFound: true, parameters: [param("index", "path", { type: "integer" }, { required: true })] });
    expect(recording(meta)({ params: { index: "1e2" } })).toEqual({
      kind: "invalid_format",
      message: "index must be an integer written in plain decimal digits.",
      param: "index",
      location: "path",
    });
  });

  it("answers a path value failing its schema from the path when 404 is not documented", () => {
    const meta = op({ parameters: [param("id", "path", { type: "string", minLength: 3 }, { required: true })] });
    expect(recording(meta)({ params: { id: "ab" } })).toMatchObject({
      kind: "value_out_of_range",
      param: "id",
      location: "path",
    });
  });

  it("names the path parameter's error param in the 404, not that of a query parameter of the same name", () => {
    const meta = op({
      notFound: true,
      parameters: [
        param("id", "path", { type: "string", minLength: 3 }, { required: true, errorParam: "character_id" }),
        param("id", "query", { type: "string" }, { errorParam: "query_id" }),
      ],
    });
    let thrown: unknown;
    try {
      run(meta, { params: { id: "ab" } });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RuntimeReject);
    expect(thrown).toMatchObject({ status: 404, code: "resource_not_found", param: "character_id" });
  });
});

describe("body", () => {
  const schema = {
    type: "object",
    additionalProperties: false,
    properties: {
      n: { type: "integer", maximum: 5 },
      inner: {
        type: "object",
        properties: { a: { type: "integer" }, b: { type: "integer" } },
        allOf: [{ not: { required: ["a", "b"] }, [COMBINATION]: { code: "mutually_exclusive_input", param: "b" } }],
      },
    },
  };

  it("refuses a missing required body as missing_field", () => {
    expect(recording(op({ requestBody: jsonBody(schema) }))({})).toEqual({
      kind: "missing_field",
      message: "A JSON request body is required.",
      param: null,
      location: "body",
    });
    expect(run(op({ requestBody: jsonBody(schema, false) }), {}).body).toBeUndefined();
  });

  it("reports a broken combination of a nested object at the object's path, from the body", () => {
    expect(recording(op({ requestBody: jsonBody(schema) }))({ body: { inner: { a: 1, b: 2 } } })).toMatchObject({
      kind: "mutually_exclusive_input",
      param: "inner.b",
      location: "body",
    });
  });

  it("reports a body field failing its schema from the body", () => {
    expect(recording(op({ requestBody: jsonBody(schema) }))({ body: { n: 9 } })).toMatchObject({
      kind: "value_out_of_range",
      param: "n",
      location: "body",
    });
  });

  it("passes raw bytes through, and drops a body the operation does not take", () => {
    const bytes = Buffer.from([1, 2, 3]);
    const binary = op({
      requestBody: { required: true, contentTypes: ["image/png"], binary: true, jsonSchema: null } as never,
    });
    expect(run(binary, { body: bytes }).body).toBe(bytes);
    expect(run(op(), { body: { stray: true } }).body).toBeUndefined();
    const notBinary = op({
      requestBody: { required: false, contentTypes: ["text/plain"], binary: false, jsonSchema: null } as never,
    });
    expect(run(notBinary, { body: "text" }).body).toBeUndefined();
  });
});
