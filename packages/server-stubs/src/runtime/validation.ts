// Request validation against the operation's JSON schemas, and the mapping of a schema failure to
// the envelope's code and param (missing_field / value_out_of_range / invalid_format, or the
// operation's x-aurous-validation-error-code), always restricted to the codes the op documents.
import type { ErrorObject, ValidateFunction } from "ajv";
import { codesAt, type JsonSchema, type OperationMeta } from "../contract/meta.js";
import { createCombinationJudge, firstRelevant } from "./combination.js";
import { RuntimeReject } from "./errors.js";
import type { SchemaCompiler } from "./schemas.js";

export type ValidationKind =
  | "missing_field"
  | "value_out_of_range"
  | "invalid_format"
  | "parameter_invalid_combination";

const RANGE_KEYWORDS = new Set([
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
]);

/**
 * The code a validation failure of `kind` answers with on `meta`: the op's override if it has one,
 * else `kind` when documented, else `invalid_format`. Undefined when the op documents none of them
 * (signed-URL operations, whose refusals the runtime maps itself: see refusals.ts).
 */
export function validationCodeFor(meta: OperationMeta, kind: ValidationKind): string | undefined {
  if (meta.validationErrorCode) return meta.validationErrorCode;
  const codes = codesAt(meta, 400);
  if (codes.includes(kind)) return kind;
  if (codes.includes("invalid_format")) return "invalid_format";
  return undefined;
}

export function rejectValidation(
  meta: OperationMeta,
  kind: ValidationKind,
  message: string,
  param: string | null,
): RuntimeReject {
  const code = validationCodeFor(meta, kind) ?? "invalid_format";
  return new RuntimeReject(400, code, message, param);
}

/** Params and messages must fit the envelope's schema: printable, at most 256 / 2000 chars. */
function printable(text: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const clean = text.replace(/[\u0000-\u001F\u007F]/g, "?");
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The envelope's `param`: a non-empty printable path, or null (the schema forbids ""). */
function paramOf(param: string | null): string | null {
  return param ? printable(param, 256) : null;
}

/** `/attributes/age` → `attributes.age`, `/upload_ids/0` → `upload_ids[0]` (walks the data to tell arrays). */
export function pointerToParam(pointer: string, data: unknown): string {
  if (pointer === "") return "";
  let out = "";
  let node: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += Array.isArray(node) ? `[${seg}]` : out ? `.${seg}` : seg;
    node =
      node &&
      // Stryker disable next-line ConditionalExpression: no property of a truthy primitive (char, prototype method…) leads to an array, and ajv's pointers only descend through objects
      typeof node === "object"
        ? (node as Record<string, unknown>)[seg]
        : undefined;
  }
  return out;
}

/** Every key of the failing object that its schema does not declare (ajv stops at the first). */
function unknownKeys(error: ErrorObject): string[] {
  const declared = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const data = error.data;
  // Stryker disable next-line ArrayDeclaration: the caller only asks whether there are more than one; 0 and 1 keys read the same
  if (!data || typeof data !== "object" || Array.isArray(data)) return [];
  return Object.keys(data).filter((k) => !Object.hasOwn(declared, k));
}

interface Located {
  kind: ValidationKind;
  param: string | null;
  message: string;
}

/** Describes an ajv failure. `prefix` names the location for parameters (their own name). */
export function describeFailure(error: ErrorObject, data: unknown, name?: string): Located {
  let path = pointerToParam(error.instancePath, data);
  if (name) path = path ? `${name}.${path}` : name;
  if (error.keyword === "required") {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const param = path ? `${path}.${missing}` : missing;
    return { kind: "missing_field", param, message: `${param} is required.` };
  }
  // One of a pair sent without the other (width without height): the other is the missing field.
  if (error.keyword === "dependentRequired") {
    const { property, missingProperty } = error.params as { property: string; missingProperty: string };
    const param = path ? `${path}.${missingProperty}` : missingProperty;
    const sent = path ? `${path}.${property}` : property;
    return { kind: "missing_field", param, message: `${param} is required when ${sent} is sent.` };
  }
  if (error.keyword === "additionalProperties") {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    // An empty key has no name to report: the object holding it is at fault (null at the root).
    if (extra === "") {
      return {
        kind: "invalid_format",
        param: path || null,
        message: `${path || "The request body"} has an empty key, which is not a recognised field.`,
      };
    }
    const param = path ? `${path}.${extra}` : extra;
    // `param` names the first unknown key; the message names them all, so a client sees every key
    // that would have been ignored (the update page's rule), not just the first.
    const unknown = unknownKeys(error);
    const message =
      unknown.length > 1
        ? `${unknown.map((k) => (path ? `${path}.${k}` : k)).join(", ")} are not recognised fields.`
        : `${param} is not a recognised field.`;
    return { kind: "invalid_format", param, message };
  }
  const subject = path || "The request body";
  if (error.keyword === "enum") {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.join(", ");
    return { kind: "invalid_format", param: path || null, message: `${subject} must be one of ${allowed}.` };
  }
  const kind: ValidationKind = RANGE_KEYWORDS.has(error.keyword) ? "value_out_of_range" : "invalid_format";
  return { kind, param: path || null, message: `${subject} ${error.message ?? "is invalid"}.` };
}

interface ParamGroup {
  validate: ValidateFunction;
  /** Property name in the validated object → the name reported as `param`. */
  names: Map<string, string>;
  /** Numeric properties → the plain decimal form their strings must have. */
  numerals: Map<string, { pattern: RegExp; what: string }>;
}

// ajv's coercion takes anything `+value` reads (0x10, 0b11, 1e2, " 5", 3.0): only plain decimals
// are numbers on the wire.
const INTEGER = { pattern: /^-?(?:0|[1-9]\d*)$/, what: "an integer" };
const NUMBER = { pattern: /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/, what: "a number" };

function numeralOf(schema: JsonSchema): typeof INTEGER | undefined {
  const type = (schema as { type?: unknown }).type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes("integer")) return INTEGER;
  if (types.includes("number")) return NUMBER;
  return undefined;
}

function paramGroup(
  meta: OperationMeta,
  where: "path" | "query" | "header",
  compiler: SchemaCompiler,
): ParamGroup | null {
  // Aurous-Version has its own step (400 unknown_version), before rate limiting.
  const params = meta.parameters.filter((p) => p.in === where && p.name !== "Aurous-Version");
  if (params.length === 0) return null;
  const key = (n: string) => (where === "header" ? n.toLowerCase() : n);
  const schema: JsonSchema = {
    type: "object",
    properties: Object.fromEntries(params.map((p) => [key(p.name), p.schema])),
    required: params.filter((p) => p.required).map((p) => key(p.name)),
  };
  const numerals = new Map<string, typeof INTEGER>();
  for (const p of params) {
    const numeral = numeralOf(p.schema);
    if (numeral) numerals.set(key(p.name), numeral);
  }
  return { validate: compiler.coercing(schema), names: new Map(params.map((p) => [key(p.name), p.name])), numerals };
}

export interface RequestParts {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

export interface ValidatedParts {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  /** Documented request headers under their spec names. */
  headers: Record<string, unknown>;
  body: unknown;
}

export type RequestValidator = (parts: RequestParts) => ValidatedParts;

export type ValidationLocation = "path" | "query" | "header" | "body";

/** Builds the rejection for a failure; the default answers 400 with the op's documented code. */
export type RejectFn = (
  kind: ValidationKind,
  message: string,
  param: string | null,
  location: ValidationLocation,
) => RuntimeReject;

/** Compiles the validator of one operation; it throws a RuntimeReject on the first failure. */
export function compileRequestValidator(
  meta: OperationMeta,
  compiler: SchemaCompiler,
  reject: RejectFn = (kind, message, param) => rejectValidation(meta, kind, message, param),
): RequestValidator {
  const path = paramGroup(meta, "path", compiler);
  const query = paramGroup(meta, "query", compiler);
  const header = paramGroup(meta, "header", compiler);
  // Only JSON bodies are validated here; raw bytes (requestBody.binary) pass through as Buffers.
  const bodySchema = meta.requestBody?.jsonSchema ?? null;
  const rawBytes = meta.requestBody?.binary === true;
  const body = bodySchema ? compiler.strict(bodySchema) : null;
  // Stryker disable next-line BooleanLiteral: the model always gives a body's required as a boolean; without a body (null) there is nothing to require
  const bodyRequired = meta.requestBody?.required ?? false;
  const headerNames = header ? [...header.names] : [];
  const judge = body ? createCombinationJudge(compiler, body.schema) : null;

  // Numbers arrive as strings: only plain decimals are numbers on the wire (checked before coercion).
  function checkNumerals(group: ParamGroup, data: Record<string, unknown>, location: ValidationLocation): void {
    for (const [prop, numeral] of group.numerals) {
      const value = data[prop];
      if (typeof value === "string" && !numeral.pattern.test(value)) {
        const name = group.names.get(prop) ?? prop;
        throw reject(
          "invalid_format",
          `${name} must be ${numeral.what} written in plain decimal digits.`,
          name,
          location,
        );
      }
    }
  }

  function check(group: ParamGroup | null, data: Record<string, unknown>, location: ValidationLocation): void {
    if (!group) return;
    checkNumerals(group, data, location);
    if (!group.validate(data)) throw describeGroupFailure(group, data, location);
  }

  /** The rejection for the group's first failure (after a failed `group.validate`). */
  function describeGroupFailure(
    group: ParamGroup,
    data: Record<string, unknown>,
    location: ValidationLocation,
  ): RuntimeReject {
    // Stryker disable next-line ArrayDeclaration: only called after a failed validate, when ajv has set errors
    const error = firstRelevant(group.validate.errors ?? []);
    // Parameter errors sit one level down: /<name>/… or a missing <name>.
    // Stryker disable next-line StringLiteral: only a required failure sits at the root (data is always an object), and that branch never reads `first`
    const [, first = "", ...rest] = error.instancePath.split("/");
    const name = group.names.get(first);
    const located =
      // Stryker disable next-line ConditionalExpression,StringLiteral: describeFailure gives a required failure the same kind either way, and the block below replaces its param and message
      error.keyword === "required"
        ? describeFailure(error, data)
        : describeFailure({ ...error, instancePath: rest.length ? `/${rest.join("/")}` : "" }, data[first], name);
    if (error.keyword === "required") {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      located.param = group.names.get(missing) ?? missing;
      located.message = `${located.param} is required.`;
    }
    return reject(located.kind, printable(located.message, 2000), paramOf(located.param), location);
  }

  // An id in the path that fails its schema cannot name anything: where the operation documents
  // 404 resource_not_found, that is the answer (ids are opaque; their shape is never a 400). A
  // number in the path (an output's index) is a value, not an id: its failures are the 400s of any
  // parameter (not a number, out of range).
  const pathMeansNotFound = codesAt(meta, 404).includes("resource_not_found");
  const pathErrorParams = new Map(meta.parameters.filter((p) => p.in === "path").map((p) => [p.name, p.errorParam]));

  const checkPath = (group: ParamGroup, params: Record<string, unknown>): void => {
    checkNumerals(group, params, "path");
    if (group.validate(params)) return;
    // Stryker disable next-line ArrayDeclaration,StringLiteral: errors is set after a failed validate; an empty `failing` (a missing path param) names no numeral and no error param, as the replacement does
    const failing = firstRelevant(group.validate.errors ?? []).instancePath.split("/")[1] ?? "";
    if (!pathMeansNotFound || group.numerals.has(failing)) throw describeGroupFailure(group, params, "path");
    throw new RuntimeReject(
      404,
      "resource_not_found",
      "Nothing with this id exists for your team.",
      pathErrorParams.get(failing) ?? null,
    );
  };

  return (parts) => {
    const params = { ...parts.params };
    if (path) checkPath(path, params);
    const queryOut = query ? { ...parts.query } : {};
    check(query, queryOut, "query");
    const headersIn: Record<string, unknown> = {};
    // Stryker disable next-line ConditionalExpression: ajv treats a property holding undefined as absent (required, defaults, coercion), and the copy below skips undefined values
    for (const [lower] of headerNames) if (parts.headers[lower] !== undefined) headersIn[lower] = parts.headers[lower];
    check(header, headersIn, "header");
    const headersOut: Record<string, unknown> = {};
    for (const [lower, name] of headerNames) if (headersIn[lower] !== undefined) headersOut[name] = headersIn[lower];
    const version = parts.headers["aurous-version"];
    if (version !== undefined) headersOut["Aurous-Version"] = version;

    if (body) {
      if (parts.body === undefined) {
        if (bodyRequired) throw reject("missing_field", "A JSON request body is required.", null, "body");
      } else if (!body(parts.body)) {
        // Stryker disable next-line ArrayDeclaration: only read after a failed validate, when ajv has set errors
        const errors = body.errors ?? [];
        const judged = judge!(errors);
        if (judged && "combination" in judged) {
          const where = pointerToParam(judged.at, parts.body);
          const param = [where, judged.combination.param].filter(Boolean).join(".") || null;
          const message = judged.message(where);
          // The rule's code, when the operation documents it (else its invalid_format, as any failure).
          throw reject(judged.combination.code as ValidationKind, printable(message, 2000), paramOf(param), "body");
        }
        const located = describeFailure(judged?.error ?? firstRelevant(errors), parts.body);
        throw reject(located.kind, printable(located.message, 2000), paramOf(located.param), "body");
      }
    }
    return { params, query: queryOut, headers: headersOut, body: body || rawBytes ? parts.body : undefined };
  };
}
