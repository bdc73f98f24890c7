// Normalises a JSON Schema (2020-12, as OpenAPI 3.1 uses it) into the constraints that decide
// compatibility. `$ref` is followed together with its siblings and `allOf` is merged as the
// intersection it means, so `{allOf: [ErrorDetail, {code: {enum: [...]}}]}` yields the narrowed
// code list. `oneOf`/`anyOf` become alternative branches (see `branches`).
// $refs resolve as the spec model resolves them (one implementation).
import { resolvePointer as resolveRef } from "../../../scripts/codegen/spec-model.mjs";

export const UPPER_BOUNDS = ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"];
export const LOWER_BOUNDS = ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"];

const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);

function intersectTypes(a, b) {
  const out = new Set();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if (t === "integer" && b.has("number")) out.add("integer");
    else if (t === "number" && b.has("integer")) out.add("integer");
  }
  return out;
}

/** The plain schema objects (no $ref, no allOf) whose conjunction the schema means. */
function collectParts(doc, schema, refStack) {
  if (schema === true || schema === undefined || schema === null) return [];
  if (schema === false) return [{ enum: [] }];
  const parts = [];
  const { $ref, allOf, ...rest } = schema;
  if (typeof $ref === "string" && !refStack.includes($ref)) {
    // A recursive reference contributes nothing more at this level; the walker stops there too.
    parts.push(...collectParts(doc, resolveRef(doc, $ref), [...refStack, $ref]));
  }
  for (const sub of allOf ?? []) parts.push(...collectParts(doc, sub, refStack));
  parts.push(rest);
  return parts;
}

export function view(doc, schema) {
  const v = {
    parts: collectParts(doc, schema, []),
    types: null, // Set of JSON types, or null for "any"
    enum: null, // allowed values, or null for "any"
    properties: new Map(), // name -> raw sub-schemas (their conjunction)
    required: new Set(),
    closed: false, // additionalProperties: false
    additional: [], // schema-valued additionalProperties
    items: [],
    upper: {},
    lower: {},
    multipleOf: [],
    uniqueItems: false,
    patterns: new Set(),
    formats: new Set(),
    alternatives: [], // [{ part, keyword, list }]
  };
  for (const part of v.parts) {
    if (part.type !== undefined) {
      const types = new Set([part.type].flat());
      v.types = v.types ? intersectTypes(v.types, types) : types;
    }
    for (const values of [part.enum, "const" in part ? [part.const] : undefined]) {
      if (values) v.enum = v.enum ? v.enum.filter((x) => values.some((y) => same(x, y))) : [...values];
    }
    for (const [name, sub] of Object.entries(part.properties ?? {})) {
      v.properties.set(name, [...(v.properties.get(name) ?? []), sub]);
    }
    for (const name of part.required ?? []) v.required.add(name);
    if (part.additionalProperties === false) v.closed = true;
    else if (part.additionalProperties && typeof part.additionalProperties === "object")
      v.additional.push(part.additionalProperties);
    if (part.items !== undefined) v.items.push(part.items);
    for (const key of UPPER_BOUNDS)
      if (typeof part[key] === "number") v.upper[key] = Math.min(v.upper[key] ?? Infinity, part[key]);
    for (const key of LOWER_BOUNDS)
      if (typeof part[key] === "number") v.lower[key] = Math.max(v.lower[key] ?? -Infinity, part[key]);
    if (typeof part.multipleOf === "number") v.multipleOf.push(part.multipleOf);
    if (part.uniqueItems === true) v.uniqueItems = true;
    if (typeof part.pattern === "string") v.patterns.add(part.pattern);
    if (typeof part.format === "string") v.formats.add(part.format);
    for (const keyword of ["oneOf", "anyOf"])
      if (Array.isArray(part[keyword])) v.alternatives.push({ part, keyword, list: part[keyword] });
  }
  return v;
}

function jsonType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The JSON types a view admits, or null for any type. */
export function viewTypes(v) {
  if (v.types) return v.types;
  if (v.enum) return new Set(v.enum.map(jsonType));
  return null;
}

/** Sub-schemas to walk into: one raw schema when there is one (keeps its $ref), else their allOf. */
export function conjunction(list) {
  return list.length === 1 ? list[0] : { allOf: list };
}

/**
 * The alternatives a schema stands for: one branch per oneOf/anyOf member (each with the
 * surrounding constraints applied), or the schema itself. A branch's key is its `$ref` when it has
 * one, so `oneOf: [Character, DeletedCharacter]` matches by name before/after.
 */
export function branches(doc, schema, key) {
  const v = view(doc, schema);
  const [group] = v.alternatives;
  if (!group) return [{ key: key ?? schema?.$ref ?? [...(viewTypes(v) ?? ["any"])].sort().join("|"), view: v }];
  const base = v.parts.map((part) => {
    if (part !== group.part) return part;
    const { [group.keyword]: _dropped, ...restOfPart } = part;
    return restOfPart;
  });
  return group.list.flatMap((alt) => branches(doc, { allOf: [...base, alt] }, alt?.$ref));
}

/** Union of the types of a set of branches (null when any branch admits any type). */
export function branchTypes(list) {
  const out = new Set();
  for (const b of list) {
    const types = viewTypes(b.view);
    if (!types) return null;
    for (const t of types) out.add(t);
  }
  return out;
}
