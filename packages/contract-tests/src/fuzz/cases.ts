// fast-check arbitraries of whole requests, per operation: valid ones (with the outcome the spec
// allows) and single-fault invalid ones (body, path id, query, headers, body size, JSON syntax),
// each with the documented 4xx, code and param it must earn.
import fc from "fast-check";
import type { OperationModel } from "../spec/operations.js";
import type { OpenApiDocument } from "../spec/types.js";
import { baseHeaders, type Expectation, type FuzzCase, type FuzzContext, fillPath } from "./context.js";
import { expectCreate, expectInit, unknownId } from "./expect-valid.js";
import { type InvalidBody, invalidBodyArbitrary, invalidBodyPerSite } from "./invalid.js";
import { shapeOf, type Shape } from "./schema.js";
import { stringArbitrary, validArbitrary } from "./valid.js";
import { specLimits } from "../spec/limits.js";

interface OpModel {
  op: OperationModel;
  body: Shape | null;
  idShape: Shape | null;
  query: Record<string, Shape>;
}

function model(doc: OpenApiDocument, op: OperationModel): OpModel {
  const json = op.requestBody?.jsonSchema;
  const id = op.parameters.find((p) => p.in === "path" && p.name === "id");
  const query = Object.fromEntries(op.parameters.filter((p) => p.in === "query").map((p) => [p.name, shapeOf(doc, p.schema)]));
  return { op, body: json ? shapeOf(doc, json) : null, idShape: id ? shapeOf(doc, id.schema) : null, query };
}

/**
 * The codes a validation fault may earn on this op: its single declared code, else the rule's —
 * each one the op does not document at 400 answered as invalid_format ("anything else").
 */
function validationCodes(op: OperationModel, ruleCodes: string[]): string[] {
  if (op.validationErrorCode) return [op.validationErrorCode];
  const documented = op.responses.find((r) => r.status === 400)?.codes ?? [];
  return [...new Set(ruleCodes.map((code) => (documented.includes(code) ? code : "invalid_format")))];
}

function bad(op: OperationModel, ruleCodes: string[], param: Expectation["param"], why: string, status = 400): Expectation {
  return { status, codes: status === 400 ? validationCodes(op, ruleCodes) : ruleCodes, param, why };
}

function json(ctx: FuzzContext, m: OpModel, id: string | undefined, body: unknown, extra: Partial<Record<string, string>> = {}) {
  const headers = { ...baseHeaders(ctx, m.op, body !== undefined), ...extra } as Record<string, string>;
  return {
    method: m.op.method.toUpperCase(),
    path: fillPath(m.op, id),
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
}

/**
 * Ids nobody minted, of any shape the path parameter allows — but not the dot segments "." and
 * "..", which every URL parser removes from a path before it is sent.
 */
function unknownIdArbitrary(ctx: FuzzContext, m: OpModel): fc.Arbitrary<string> {
  return stringArbitrary(m.idShape as Shape).filter((id) => id !== "." && id !== ".." && !ctx.characterIds.includes(id));
}

function realOrUnknownId(ctx: FuzzContext, m: OpModel): fc.Arbitrary<{ id: string; real: boolean }> {
  const unknown = unknownIdArbitrary(ctx, m).map((id) => ({ id, real: false }));
  if (ctx.characterIds.length === 0) return unknown;
  return fc.oneof(unknown, fc.constantFrom(...ctx.characterIds).map((id) => ({ id, real: true })));
}

function validCases(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  const { op } = m;
  const make = (rule: string, request: FuzzCase["request"], expect: Expectation): FuzzCase => ({ operationId: op.operationId, kind: "valid", rule, request, expect });
  switch (op.operationId) {
    case "initCharacterUpload":
      return validArbitrary(m.body as Shape).map((b) => make("valid body", json(ctx, m, undefined, b), expectInit(b as never)));
    case "classifyCharacterUpload":
      return validArbitrary(m.body as Shape).map((b) =>
        make("valid body, unknown upload", json(ctx, m, undefined, b), { status: 400, codes: ["upload_invalid"], param: "upload_id", why: "an upload id nobody minted" }),
      );
    case "createCharacter":
      return validArbitrary(m.body as Shape).map((b) => make("valid body", json(ctx, m, undefined, b), expectCreate(b as never)));
    case "listCharacters": {
      const query = fc.record(
        Object.fromEntries(Object.entries(m.query).filter(([k]) => k !== "starting_after").map(([k, s]) => [k, validArbitrary(s)])),
        { requiredKeys: [] },
      );
      return query.map((q) => {
        const qs = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
        const req = json(ctx, m, undefined, undefined);
        return make("valid query", { ...req, path: `${req.path}${qs ? `?${qs}` : ""}` }, { status: 200, codes: [], why: "a valid query lists" });
      });
    }
    case "getCharacter":
    case "deleteCharacter":
    case "saveCharacter":
      // Delete and save on real characters would change the team's state under the other cases:
      // only unknown ids here (the server-side suite covers their successes).
      return (op.operationId === "getCharacter" ? realOrUnknownId(ctx, m) : unknownIdArbitrary(ctx, m).map((id) => ({ id, real: false }))).map(({ id, real }) =>
        make(real ? "existing id" : "unknown id", json(ctx, m, id, undefined), real ? { status: 200, codes: [], why: "an existing character" } : unknownId),
      );
    case "updateCharacter":
      return fc.tuple(realOrUnknownId(ctx, m), validArbitrary(m.body as Shape)).map(([{ id, real }, b]) =>
        make(real ? "valid body, existing id" : "valid body, unknown id", json(ctx, m, id, b), real ? { status: 200, codes: [], why: "a valid update of an existing character" } : unknownId),
      );
    case "regenerateCharacterRef":
    case "resynthesizeCharacter":
      // Valid calls on real characters spend credits and move state; unknown ids answer 404.
      return fc.tuple(unknownIdArbitrary(ctx, m), m.body ? validArbitrary(m.body) : fc.constant(undefined)).map(([id, b]) =>
        make("valid body, unknown id", json(ctx, m, id, b), unknownId),
      );
    default:
      return null;
  }
}

/** Real ids for body faults on by-id operations (a 404 would mask the fault); null if none. */
function idForBodies(ctx: FuzzContext, m: OpModel): fc.Arbitrary<string | undefined> | null {
  if (m.idShape === null) return fc.constant(undefined);
  return ctx.characterIds.length > 0 ? fc.constantFrom(...ctx.characterIds) : null;
}

function bodyFaultCase(m: OpModel, id: string | undefined, ctx: FuzzContext, { body, violation }: InvalidBody): FuzzCase {
  return {
    operationId: m.op.operationId,
    kind: "invalid",
    rule: `body ${violation.rule} at ${violation.param}`,
    request: json(ctx, m, id, body),
    expect: bad(m.op, violation.codes, violation.param, `the body breaks ${violation.rule} at ${violation.param}`),
  };
}

/** One case per body site of the operation: every rule the schema has is broken at least once. */
export function everyBodySite(doc: OpenApiDocument, ctx: FuzzContext, op: OperationModel): Array<fc.Arbitrary<FuzzCase>> {
  const m = model(doc, op);
  const idArb = idForBodies(ctx, m);
  if (!m.body || op.credential !== "api-key" || !idArb) return [];
  return invalidBodyPerSite(m.body, validArbitrary(m.body)).map((arb) => fc.tuple(idArb, arb).map(([id, b]) => bodyFaultCase(m, id, ctx, b)));
}

function bodyFaults(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  if (!m.body) return null;
  const { op } = m;
  const idArb = idForBodies(ctx, m);
  if (!idArb) return null;
  const base = validArbitrary(m.body);
  const structural = fc.constantFrom<[string, string, Expectation["param"]]>(
    ["malformed JSON", '{"name": "x",', null],
    ["JSON array body", "[]", null],
    ["JSON string body", '"text"', null],
    ["JSON number body", "42", null],
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(idArb, invalidBodyArbitrary(m.body, base)).map(([id, b]) => bodyFaultCase(m, id, ctx, b)) },
    { weight: 1, arbitrary: fc.tuple(idArb, structural).map(([id, [rule, raw, param]]): FuzzCase => ({
      operationId: op.operationId,
      kind: "invalid",
      rule,
      request: { ...json(ctx, m, id, undefined), headers: { ...json(ctx, m, id, {}).headers }, body: raw },
      expect: bad(op, ["invalid_format"], param, rule),
    })) },
    // A valid body under a Content-Type other than JSON: no 415 is documented, so it is a
    // request validation failure like malformed JSON.
    { weight: 1, arbitrary: fc.tuple(idArb, base, fc.constantFrom("text/plain", "application/xml", "application/x-www-form-urlencoded", "application/merge-patch+json")).map(([id, b, ct]): FuzzCase => {
      const request = json(ctx, m, id, b);
      return { operationId: op.operationId, kind: "invalid", rule: `Content-Type ${ct}`, request: { ...request, headers: { ...request.headers, "Content-Type": ct } }, expect: bad(op, ["invalid_format"], null, `the body is sent as ${ct}`) };
    }) },
    ...(m.op.requestBody?.required
      ? [{ weight: 1, arbitrary: idArb.map((id): FuzzCase => ({ operationId: op.operationId, kind: "invalid", rule: "no body", request: json(ctx, m, id, undefined), expect: bad(op, ["missing_field"], null, "the body is required") })) }]
      : []),
  );
}

function oversize(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  if (!m.op.responses.some((r) => r.status === 413) || m.op.credential !== "api-key") return null;
  const id = m.idShape ? (ctx.characterIds[0] ?? "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR") : undefined;
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
  if (!m.idShape) return null;
  const otherShapes = fc.oneof(
    fc.constantFrom("char_", "char_01HXMQ7Z3K8Y2ABCDEFGHJKM", "char_01HXMQ7Z3K8Y2NABCDEFGHJKMRR", "upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR", "CHAR_01HXMQ7Z3K8Y2NABCDEFGHJKMR", "char_01hxmq7z3k8y2nabcdefghjkmr", "char_01HXMQ7Z3K8Y2NABCDEFGHJKM😀", "123e4567-e89b-12d3-a456-426614174000"),
    fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !ctx.characterIds.includes(s) && s.trim() === s && s !== "." && s !== ".."),
  );
  const bodyFor = (op: OperationModel) => (op.operationId === "regenerateCharacterRef" ? { pose: "front" } : op.operationId === "updateCharacter" ? { name: "x" } : undefined);
  return otherShapes.map((id): FuzzCase => ({
    operationId: m.op.operationId,
    kind: "invalid",
    rule: "path id of another shape",
    request: json(ctx, m, id, bodyFor(m.op)),
    expect: { ...unknownId, why: `"${id}" names no character` },
  }));
}

function queryFaults(ctx: FuzzContext, m: OpModel): fc.Arbitrary<FuzzCase> | null {
  const entries = Object.entries(m.query);
  if (entries.length === 0) return null;
  const badValue = (s: Shape): fc.Arbitrary<string> => {
    if (s.enum) return fc.constantFrom("deleted", "READY", "bogus", "");
    // Not "1e2" or "0x10": numeric strings that coerce to an integer are a grey zone the spec
    // does not settle (OpenAPI leaves query number syntax open).
    if (s.kind === "integer") return fc.constantFrom(String((s.maximum ?? 0) + 1), String((s.minimum ?? 0) - 1), "abc", "1.5", "", "ten");
    return fc.constantFrom("char_", "not a cursor", "char_01HXMQ7Z-3K8Y2N", "");
  };
  return fc.constantFrom(...entries).chain(([name, shape]) =>
    badValue(shape).map((value): FuzzCase => {
      const req = json(ctx, m, undefined, undefined);
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

function headerFaults(ctx: FuzzContext, m: OpModel, valid: fc.Arbitrary<FuzzCase>): fc.Arbitrary<FuzzCase> {
  const { op } = m;
  const versions = fc.constantFrom("2099-01-01", "2026-5-15", "yesterday", "2026-05-15T00:00:00Z", "20260515", "9999-12-31");
  const keys = fc.constantFrom("al_live_", "al_live_" + "g".repeat(64), "al_live_" + "0".repeat(63), "sk_test_123", "al_live_" + "f".repeat(64));
  const options: Array<fc.Arbitrary<FuzzCase>> = [
    fc.tuple(valid, versions).map(([c, v]): FuzzCase => ({
      ...c,
      kind: "invalid",
      rule: `Aurous-Version: ${v}`,
      request: { ...c.request, headers: { ...c.request.headers, "Aurous-Version": v } },
      expect: { status: 400, codes: ["unknown_version"], param: "Aurous-Version", why: "malformed or future version pin" },
    })),
    fc.tuple(valid, keys).map(([c, k]): FuzzCase => ({
      ...c,
      kind: "invalid",
      rule: `X-Api-Key: ${k.slice(0, 12)}…`,
      request: { ...c.request, headers: { ...c.request.headers, "X-Api-Key": k } },
      expect: { status: 401, codes: ["invalid_api_key"], param: null, why: "a key the server does not know" },
    })),
    valid.map((c): FuzzCase => {
      const headers = { ...c.request.headers };
      delete headers["X-Api-Key"];
      return { ...c, kind: "invalid", rule: "no API key", request: { ...c.request, headers }, expect: { status: 401, codes: ["missing_api_key"], param: null, why: "no key sent" } };
    }),
  ];
  if (op.idempotency?.honours_key) {
    const badKeys = fc.oneof(
      fc.constant("k".repeat(257)).map((k) => ({ k, codes: ["value_out_of_range"] })),
      fc.constantFrom("has space", "tab\there", "naïve-ü").map((k) => ({ k, codes: ["invalid_format"] })),
    );
    options.push(
      fc.tuple(valid, badKeys).map(([c, { k, codes }]): FuzzCase => ({
        ...c,
        kind: "invalid",
        rule: `Idempotency-Key of ${k.length} chars`,
        request: { ...c.request, headers: { ...c.request.headers, "Idempotency-Key": k } },
        expect: bad(op, codes, "Idempotency-Key", "Idempotency-Key must be 1–256 printable ASCII characters"),
      })),
    );
  }
  return fc.oneof(...options);
}

/** Every request arbitrary for one operation, valid and invalid, weighted towards faults. */
export function operationCases(doc: OpenApiDocument, ctx: FuzzContext, op: OperationModel): fc.Arbitrary<FuzzCase> | null {
  if (op.credential !== "api-key") return null; // the signed upload PUT is fuzzed separately (needs tickets)
  const m = model(doc, op);
  const valid = validCases(ctx, m);
  if (!valid) return null;
  const parts: Array<{ arbitrary: fc.Arbitrary<FuzzCase>; weight: number }> = [
    { arbitrary: valid, weight: 4 },
    { arbitrary: headerFaults(ctx, m, valid), weight: 2 },
  ];
  for (const [arb, weight] of [[bodyFaults(ctx, m), 5], [pathFaults(ctx, m), 2], [queryFaults(ctx, m), 3], [oversize(ctx, m), 1]] as const) {
    if (arb) parts.push({ arbitrary: arb, weight });
  }
  return fc.oneof(...parts);
}
