// fast-check arbitraries of whole requests, per operation: valid ones (with the outcome the spec
// allows) and single-fault invalid ones (body, path id, query, headers, body size, JSON syntax),
// each with the documented 4xx, code and param it must earn.
import fc from "fast-check";
import { exampleBody, fillPath, type PathValues } from "../server/requests.js";
import { specLimits } from "../spec/limits.js";
import type { OpenApiDocument, OperationModel, ParameterModel } from "../spec/types.js";
import { baseHeaders, type Expectation, type FuzzCase, type FuzzContext } from "./context.js";
import { unknownId, VALID_BODY_OUTCOMES } from "./expect-valid.js";
import { type InvalidBody, invalidBodyArbitrary, invalidBodyPerSite } from "./invalid.js";
import { type Shape, shapeOf } from "./schema.js";
import { stringArbitrary, validArbitrary } from "./valid.js";

// Everything below is derived from the operation's model (method, path and query parameters,
// body schema, documented errors): a new operation is fuzzed without an edit here. Only the
// outcomes the schemas cannot decide come from the spec's prose, in expect-valid.ts.
interface OpModel {
  doc: OpenApiDocument;
  op: OperationModel;
  body: Shape | null;
  path: Record<string, Shape>;
  query: Record<string, Shape>;
}

/** Query parameters that are credentials (an `apiKey` scheme `in: query`, the output URL's token). */
export function queryCredentials(op: OperationModel): string[] {
  return op.security.flatMap((alt) =>
    alt.flatMap((s) => (s.type === "apiKey" && s.in === "query" && s.paramName ? [s.paramName] : [])),
  );
}

function model(doc: OpenApiDocument, op: OperationModel): OpModel {
  const json = op.requestBody?.jsonSchema;
  // A credential in the query is no input to fuzz like the others: it has its own cases (headerFaults).
  const credentials = queryCredentials(op);
  const shapes = (where: ParameterModel["in"]) =>
    Object.fromEntries(
      op.parameters
        .filter((p) => p.in === where && !(where === "query" && credentials.includes(p.name)))
        .map((p) => [p.name, shapeOf(doc, p.schema)]),
    );
  return { doc, op, body: json ? shapeOf(doc, json) : null, path: shapes("path"), query: shapes("query") };
}

const documents = (op: OperationModel, status: number, code: string) =>
  op.errors.some((r) => r.status === status && r.codes.includes(code));

/**
 * The codes a validation fault may earn on this op: its single declared code, else the rule's —
 * each one the op does not document at 400 answered as invalid_format ("anything else").
 */
function validationCodes(op: OperationModel, ruleCodes: string[]): string[] {
  if (op.validationErrorCode) return [op.validationErrorCode];
  const documented = op.responses.find((r) => r.status === 400)?.codes ?? [];
  return [...new Set(ruleCodes.map((code) => (documented.includes(code) ? code : "invalid_format")))];
}

function bad(
  op: OperationModel,
  ruleCodes: string[],
  param: Expectation["param"],
  why: string,
  status = 400,
): Expectation {
  return { status, codes: status === 400 ? validationCodes(op, ruleCodes) : ruleCodes, param, why };
}

function json(ctx: FuzzContext, m: OpModel, path: PathValues, body: unknown, query = "") {
  const headers = baseHeaders(ctx, m.op, body !== undefined);
  return {
    method: m.op.httpMethod,
    path: `${fillPath(m.doc, m.op, path)}${query}`,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
}

/** Existing resources a path parameter may name: the context's characters, for every parameter errors call `character_id`. */
function realValues(ctx: FuzzContext, m: OpModel, name: string): string[] {
  const p = m.op.parameters.find((x) => x.in === "path" && x.name === name);
  return p?.errorParam === "character_id" ? ctx.characterIds : [];
}

/**
 * Ids nobody minted, of any shape each path parameter allows — but not the dot segments "." and
 * "..", which every URL parser removes from a path before it is sent.
 */
function unknownPath(ctx: FuzzContext, m: OpModel): fc.Arbitrary<PathValues> {
  return fc.record(
    Object.fromEntries(
      Object.entries(m.path).map(([name, shape]) => [
        name,
        // A number in the path (an output's index) is any value its schema allows; ids are strings.
        shape.kind === "integer"
          ? validArbitrary(shape).map(String)
          : stringArbitrary(shape).filter((id) => id !== "." && id !== ".." && !realValues(ctx, m, name).includes(id)),
      ]),
    ),
  );
}

/** Existing resources for every path parameter (`{}` when there is none); null when one has none. */
function realPath(ctx: FuzzContext, m: OpModel): fc.Arbitrary<PathValues> | null {
  const values = Object.keys(m.path).map((name) => [name, realValues(ctx, m, name)] as const);
  if (values.some(([, v]) => v.length === 0)) return null;
  return fc.record(Object.fromEntries(values.map(([name, v]) => [name, fc.constantFrom(...v)])));
}

// A cursor must name a resource of an earlier page: a random well-formed one is no valid input.
const isCursor = (p: ParameterModel) => String((p.schema as { $ref?: unknown }).$ref ?? "").endsWith("/Cursor");

/** A query string of the optional parameters (a random subset), each a value its schema allows. */
function validQuery(m: OpModel): fc.Arbitrary<string> {
  const free = m.op.parameters.filter((p) => p.in === "query" && !isCursor(p) && p.name in m.query);
  const values = fc.record(Object.fromEntries(free.map((p) => [p.name, validArbitrary(m.query[p.name] as Shape)])), {
    requiredKeys: free.filter((p) => p.required).map((p) => p.name),
  });
  return values.map((q) => {
    const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
    return qs ? `?${qs}` : "";
  });
}

/**
 * Valid requests and the one outcome the spec allows: the prose's rule for the body where
 * expect-valid.ts has one; else by method and path — reads of existing resources succeed, an id
 * nobody minted is 404. Calls that spend credits or move state run on unknown ids only (the
 * server-side suite covers their successes); a write with no path and no prose rule has no
 * valid case (its faults are still fuzzed).
 */
function validCases(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  const { op } = m;
  const make = (rule: string, request: FuzzCase["request"], expect: Expectation): FuzzCase => ({
    operationId: op.operationId,
    kind: "valid",
    rule,
    request,
    expect,
  });
  const body = m.body ? validArbitrary(m.body) : fc.constant(undefined);
  const query = op.method === "get" ? validQuery(m) : fc.constant("");
  const outcome = VALID_BODY_OUTCOMES[op.operationId];
  if (outcome) {
    const path = realPath(ctx, m) ?? unknownPath(ctx, m);
    return fc
      .tuple(path, body, query)
      .map(([p, b, q]) => make("valid body", json(ctx, m, p, b, q), outcome(b as never)));
  }
  const success: Expectation = { status: op.success.status, codes: [], why: `a valid ${op.httpMethod} of what exists` };
  if (Object.keys(m.path).length === 0) {
    return op.method === "get" ? query.map((q) => make("valid query", json(ctx, m, {}, undefined, q), success)) : null;
  }
  const real = realPath(ctx, m);
  const harmless =
    op.method === "get" ||
    (op.method === "patch" &&
      op.idempotency.naturally_idempotent === true &&
      !op.creditCost?.credits &&
      !op.creditCost?.variants);
  const targets: Array<fc.Arbitrary<{ path: PathValues; real: boolean }>> = [];
  if (documents(op, 404, "resource_not_found"))
    targets.push(unknownPath(ctx, m).map((path) => ({ path, real: false })));
  if (real && harmless) targets.push(real.map((path) => ({ path, real: true })));
  if (targets.length === 0) return null;
  return fc
    .tuple(fc.oneof(...targets), body, query)
    .map(([{ path, real: isReal }, b, q]) =>
      make(
        `${b !== undefined ? "valid body, " : ""}${isReal ? "existing id" : "unknown id"}`,
        json(ctx, m, path, b, q),
        isReal ? success : unknownId,
      ),
    );
}

/** Real ids for body faults on by-id operations (a 404 would mask the fault); null if none. */
const pathForBodies = realPath;

function bodyFaultCase(m: OpModel, id: PathValues, ctx: FuzzContext, { body, violation }: InvalidBody): FuzzCase {
  return {
    operationId: m.op.operationId,
    kind: "invalid",
    rule: `body ${violation.rule} at ${violation.param}`,
    request: json(ctx, m, id, body),
    expect: bad(m.op, violation.codes, violation.param, `the body breaks ${violation.rule} at ${violation.param}`),
  };
}

/** One case per body site of the operation: every rule the schema has is broken at least once. */
export function everyBodySite(
  doc: OpenApiDocument,
  ctx: FuzzContext,
  op: OperationModel,
): Array<fc.Arbitrary<FuzzCase>> {
  const m = model(doc, op);
  const idArb = pathForBodies(ctx, m);
  if (!m.body || op.credential !== "api-key" || !idArb) return [];
  return invalidBodyPerSite(m.body, validArbitrary(m.body)).map((arb) =>
    fc.tuple(idArb, arb).map(([id, b]) => bodyFaultCase(m, id, ctx, b)),
  );
}

function bodyFaults(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  if (!m.body) return null;
  const { op } = m;
  const idArb = pathForBodies(ctx, m);
  if (!idArb) return null;
  const base = validArbitrary(m.body);
  const structural = fc.constantFrom<[string, string, Expectation["param"]]>(
    ["malformed JSON", '{"name": "x",', null],
    ["JSON array body", "[]", null],
    ["JSON string body", '"text"', null],
    ["JSON number body", "42", null],
  );
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.tuple(idArb, invalidBodyArbitrary(m.body, base)).map(([id, b]) => bodyFaultCase(m, id, ctx, b)),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(idArb, structural).map(
        ([id, [rule, raw, param]]): FuzzCase => ({
          operationId: op.operationId,
          kind: "invalid",
          rule,
          request: { ...json(ctx, m, id, undefined), headers: { ...json(ctx, m, id, {}).headers }, body: raw },
          expect: bad(op, ["invalid_format"], param, rule),
        }),
      ),
    },
    // A valid body under a Content-Type other than JSON: no 415 is documented, so it is a
    // request validation failure like malformed JSON.
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          idArb,
          base,
          fc.constantFrom(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "application/merge-patch+json",
          ),
        )
        .map(([id, b, ct]): FuzzCase => {
          const request = json(ctx, m, id, b);
          return {
            operationId: op.operationId,
            kind: "invalid",
            rule: `Content-Type ${ct}`,
            request: { ...request, headers: { ...request.headers, "Content-Type": ct } },
            expect: bad(op, ["invalid_format"], null, `the body is sent as ${ct}`),
          };
        }),
    },
    ...(m.op.requestBody?.required
      ? [
          {
            weight: 1,
            arbitrary: idArb.map(
              (id): FuzzCase => ({
                operationId: op.operationId,
                kind: "invalid",
                rule: "no body",
                request: json(ctx, m, id, undefined),
                expect: bad(op, ["missing_field"], null, "the body is required"),
              }),
            ),
          },
        ]
      : []),
  );
}

function oversize(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  if (!m.op.responses.some((r) => r.status === 413) || m.op.credential !== "api-key") return null;
  // An existing resource where there is one (else the spec's example id): the size is checked first either way.
  const id = Object.fromEntries(
    Object.keys(m.path).flatMap((name) =>
      realValues(ctx, m, name)
        .slice(0, 1)
        .map((v) => [name, v]),
    ),
  );
  const limit = specLimits().json_body_bytes;
  return fc.integer({ min: limit + 1, max: limit + 4_464 }).map((size): FuzzCase => {
    const filler = "x".repeat(size);
    return {
      operationId: m.op.operationId,
      kind: "invalid",
      rule: `oversize body of ${size} bytes`,
      request: { ...json(ctx, m, id, {}), body: JSON.stringify({ name: filler }).slice(0, size) },
      expect: { status: 413, codes: ["request_too_large"], param: null, why: `bodies are limited to ${limit} bytes` },
    };
  });
}

// Ids are opaque: an id of any other shape (the docs' own examples are 24 characters after the
// prefix) is simply unknown, the documented 404 — never a 400.
function pathFaults(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  const numbers = Object.keys(m.path).filter((name) => m.path[name]?.kind === "integer");
  const numberFaults = numbers.length > 0 ? pathNumberFaults(ctx, m, numbers) : null;
  const ids = idPathFaults(ctx, m);
  return ids && numberFaults ? fc.oneof(ids, numberFaults) : (ids ?? numberFaults);
}

/** A path number that is not one its schema allows (a word, a fraction, out of range): a 400 naming it. */
function pathNumberFaults(ctx: FuzzContext, m: OpModel, names: string[]): fc.Arbitrary<FuzzCase> {
  const body = exampleBody(m.doc, m.op);
  const valid = unknownPath(ctx, m);
  return fc.tuple(valid, fc.constantFrom(...names)).chain(([path, name]) => {
    const shape = m.path[name] as Shape;
    const values = ["abc", "1.5", "", String((shape.maximum ?? 1e6) + 1), String((shape.minimum ?? 0) - 1)].filter(
      (v) => v !== "",
    );
    return fc.constantFrom(...values).map(
      (value): FuzzCase => ({
        operationId: m.op.operationId,
        kind: "invalid",
        rule: `path ${name}=${JSON.stringify(value)}`,
        request: json(ctx, m, { ...path, [name]: value }, body),
        expect: bad(m.op, ["invalid_format", "value_out_of_range"], name, `${name} must be an integer in range`),
      }),
    );
  });
}

function idPathFaults(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  const names = Object.keys(m.path).filter((name) => m.path[name]?.kind !== "integer");
  if (names.length === 0 || !documents(m.op, 404, "resource_not_found")) return null;
  const known = new Set(names.flatMap((name) => realValues(ctx, m, name)));
  const otherShapes = fc.oneof(
    fc.constantFrom(
      "char_",
      "char_01HXMQ7Z3K8Y2ABCDEFGHJKM",
      "char_01HXMQ7Z3K8Y2NABCDEFGHJKMRR",
      "upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR",
      "CHAR_01HXMQ7Z3K8Y2NABCDEFGHJKMR",
      "char_01hxmq7z3k8y2nabcdefghjkmr",
      "char_01HXMQ7Z3K8Y2NABCDEFGHJKM😀",
      "123e4567-e89b-12d3-a456-426614174000",
    ),
    fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => !known.has(s) && s.trim() === s && s !== "." && s !== ".."),
  );
  // The spec's example body, so only the path is at fault (other path parameters: valid values).
  const body = exampleBody(m.doc, m.op);
  return fc.tuple(fc.constantFrom(...names), otherShapes, unknownPath(ctx, m)).map(
    ([name, id, rest]): FuzzCase => ({
      operationId: m.op.operationId,
      kind: "invalid",
      rule: "path id of another shape",
      request: json(ctx, m, { ...rest, [name]: id }, body),
      expect: { ...unknownId, why: `"${id}" names nothing` },
    }),
  );
}

function queryFaults(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  const entries = Object.entries(m.query);
  if (entries.length === 0) return null;
  const badValue = (s: Shape): fc.Arbitrary<string> => {
    if (s.enum) return fc.constantFrom("deleted", "READY", "bogus", "").filter((v) => !s.enum?.includes(v));
    // Not "1e2" or "0x10": numeric strings that coerce to an integer are a grey zone the spec
    // does not settle (OpenAPI leaves query number syntax open).
    if (s.kind === "integer")
      return fc.constantFrom(String((s.maximum ?? 0) + 1), String((s.minimum ?? 0) - 1), "abc", "1.5", "", "ten");
    return fc.constantFrom("char_", "not a cursor", "char_01HXMQ7Z-3K8Y2N", "");
  };
  return fc.tuple(fc.constantFrom(...entries), realPath(ctx, m) ?? fc.constant({})).chain(([[name, shape], path]) =>
    badValue(shape).map((value): FuzzCase => {
      const req = json(ctx, m, path, undefined);
      return {
        operationId: m.op.operationId,
        kind: "invalid",
        rule: `query ${name}=${JSON.stringify(value)}`,
        request: { ...req, path: `${req.path}?${new URLSearchParams({ [name]: value })}` },
        expect: bad(m.op, ["invalid_format", "value_out_of_range"], name, `${name} is not valid`),
      };
    }),
  );
}

function headerFaults(m: OpModel, valid: fc.Arbitrary<FuzzCase>): fc.Arbitrary<FuzzCase> {
  const { op } = m;
  const versions = fc.constantFrom(
    "2099-01-01",
    "2026-5-15",
    "yesterday",
    "2026-05-15T00:00:00Z",
    "20260515",
    "9999-12-31",
  );
  const keys = fc.constantFrom(
    "al_live_",
    `al_live_${"g".repeat(64)}`,
    `al_live_${"0".repeat(63)}`,
    "sk_test_123",
    `al_live_${"f".repeat(64)}`,
  );
  const options: Array<fc.Arbitrary<FuzzCase>> = [
    fc.tuple(valid, versions).map(
      ([c, v]): FuzzCase => ({
        ...c,
        kind: "invalid",
        rule: `Aurous-Version: ${v}`,
        request: { ...c.request, headers: { ...c.request.headers, "Aurous-Version": v } },
        expect: {
          status: 400,
          codes: ["unknown_version"],
          param: "Aurous-Version",
          why: "malformed or future version pin",
        },
      }),
    ),
    fc.tuple(valid, keys).map(
      ([c, k]): FuzzCase => ({
        ...c,
        kind: "invalid",
        rule: `X-Api-Key: ${k.slice(0, 12)}…`,
        request: { ...c.request, headers: { ...c.request.headers, "X-Api-Key": k } },
        expect: { status: 401, codes: ["invalid_api_key"], param: null, why: "a key the server does not know" },
      }),
    ),
    valid.map((c): FuzzCase => {
      const headers = { ...c.request.headers };
      delete headers["X-Api-Key"];
      return {
        ...c,
        kind: "invalid",
        rule: "no API key",
        request: { ...c.request, headers },
        expect: { status: 401, codes: ["missing_api_key"], param: null, why: "no key sent" },
      };
    }),
  ];
  // An operation a URL token may authorise (the output proxy): a token that signs nothing, no key.
  for (const param of queryCredentials(op)) {
    const forged = fc.stringMatching(/^[0-9A-Za-z_.-]{1,64}$/);
    options.push(
      fc.tuple(valid, forged).map(([c, token]): FuzzCase => {
        const headers = { ...c.request.headers };
        delete headers["X-Api-Key"];
        const url = new URL(c.request.path, "http://x.invalid");
        url.searchParams.set(param, token);
        return {
          ...c,
          kind: "invalid",
          rule: `forged ${param}, no API key`,
          request: { ...c.request, path: `${url.pathname}${url.search}`, headers },
          expect: {
            status: 401,
            codes: ["signature_invalid"],
            param: undefined,
            why: `a ${param} the server never signed`,
          },
        };
      }),
    );
  }
  if (op.idempotency?.honours_key) {
    const badKeys = fc.oneof(
      fc.constant("k".repeat(257)).map((k) => ({ k, codes: ["value_out_of_range"] })),
      fc.constantFrom("has space", "tab\there", "naïve-ü").map((k) => ({ k, codes: ["invalid_format"] })),
    );
    options.push(
      fc.tuple(valid, badKeys).map(
        ([c, { k, codes }]): FuzzCase => ({
          ...c,
          kind: "invalid",
          rule: `Idempotency-Key of ${k.length} chars`,
          request: { ...c.request, headers: { ...c.request.headers, "Idempotency-Key": k } },
          expect: bad(op, codes, "Idempotency-Key", "Idempotency-Key must be 1–256 printable ASCII characters"),
        }),
      ),
    );
  }
  return fc.oneof(...options);
}

/** Every request arbitrary for one operation, valid and invalid, weighted towards faults. */
export function operationCases(
  doc: OpenApiDocument,
  ctx: FuzzContext,
  op: OperationModel,
): fc.Arbitrary<FuzzCase> | null {
  if (op.credential !== "api-key") return null; // the signed upload PUT is fuzzed separately (needs tickets)
  const m = model(doc, op);
  const valid = validCases(ctx, m);
  // Header faults need a request that is otherwise valid: the spec's example where no valid case is judged.
  const example = (realPath(ctx, m) ?? fc.constant({})).map(
    (path): FuzzCase => ({
      operationId: op.operationId,
      kind: "valid",
      rule: "the spec's example",
      request: json(ctx, m, path, exampleBody(doc, op)),
      expect: { status: op.success.status, codes: [], why: "not judged" },
    }),
  );
  const parts: Array<{ arbitrary: fc.Arbitrary<FuzzCase>; weight: number }> = [
    { arbitrary: headerFaults(m, valid ?? example), weight: 2 },
  ];
  if (valid) parts.push({ arbitrary: valid, weight: 4 });
  for (const [arb, weight] of [
    [bodyFaults(ctx, m), 5],
    [pathFaults(ctx, m), 2],
    [queryFaults(ctx, m), 3],
    [oversize(ctx, m), 1],
  ] as const) {
    if (arb) parts.push({ arbitrary: arb, weight });
  }
  return fc.oneof(...parts);
}
