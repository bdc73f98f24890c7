// A normalised view of the request schemas the fuzz walks: refs resolved, `oneOf [X, null]` and
// `type: [T, "null"]` turned into a nullable flag, so generators handle one shape per kind.
import { deref } from "../spec/deref.js";
import type { OpenApiDocument } from "../spec/types.js";

export interface Shape {
  kind: "string" | "integer" | "number" | "boolean" | "array" | "object" | "null" | "any";
  nullable: boolean;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  items?: Shape;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, Shape>;
  required?: string[];
  additionalProperties?: boolean;
  /** Keys that may not come together (`allOf` members of `not` + x-aurous-combination-error): each set breaks the rule. */
  combinations?: CombinationRule[];
  /** `dependentRequired`: a key present needs these keys too (`missing_field` naming the first absent one). */
  dependentRequired?: Record<string, string[]>;
}

export interface CombinationRule {
  /** The rule is broken when every key of any one set is present. */
  sets: string[][];
  code: string;
  param: string | null;
}

/** `not: { required }` or `not: { anyOf: [{ required }…] }`: the key sets that may not come together. */
function forbiddenSets(not: Node | undefined): string[][] {
  if (!not || typeof not !== "object") return [];
  if (Array.isArray(not.required)) return [not.required as string[]];
  const alternatives = (not.anyOf ?? not.oneOf) as Node[] | undefined;
  return (alternatives ?? []).flatMap((alt) => (Array.isArray(alt?.required) ? [alt.required as string[]] : []));
}

function combinationRules(doc: OpenApiDocument, node: Node): CombinationRule[] {
  const members = [node, ...((node.allOf as unknown[] | undefined) ?? []).map((m) => deref<Node>(doc, m))];
  return members.flatMap((m) => {
    const error = m?.["x-aurous-combination-error"] as { code?: string; param?: string | null } | undefined;
    const sets = forbiddenSets(m?.not as Node | undefined);
    return error?.code && sets.length > 0 ? [{ sets, code: error.code, param: error.param ?? null }] : [];
  });
}

/** Drops keys until no combination rule and no dependentRequired rule of `shape` is broken. */
export function satisfyRules(
  shape: Shape,
  value: Record<string, unknown>,
  keep: string[] = [],
): Record<string, unknown> {
  const out = { ...value };
  for (const rule of shape.combinations ?? [])
    for (const set of rule.sets)
      if (set.every((k) => k in out)) {
        const drop = set.find((k) => !keep.includes(k));
        if (drop) delete out[drop];
      }
  for (const [key, needs] of Object.entries(shape.dependentRequired ?? {}))
    if (key in out && !keep.includes(key) && needs.some((n) => !(n in out))) delete out[key];
  return out;
}

type Node = Record<string, unknown>;

export function shapeOf(doc: OpenApiDocument, raw: unknown): Shape {
  const node = deref<Node>(doc, raw);
  if (!node || typeof node !== "object") return { kind: "any", nullable: true };
  const variants = (node.oneOf ?? node.anyOf) as unknown[] | undefined;
  // An object that lists its fields and adds a oneOf (create's flows, init's format pairs) is
  // walked as the object: the valid generator then also makes bodies that pick no branch or two,
  // and expect-valid.ts says what each earns.
  if (variants && node.properties === undefined) {
    const shapes = variants.map((v) => shapeOf(doc, v));
    const nonNull = shapes.filter((s) => s.kind !== "null");
    if (nonNull.length === 1) return { ...(nonNull[0] as Shape), nullable: shapes.length > nonNull.length };
    return { kind: "any", nullable: true };
  }
  // A described reference (`description` + `allOf: [$ref]`): the shape of the member that has one.
  if (
    node.type === undefined &&
    node.properties === undefined &&
    node.enum === undefined &&
    Array.isArray(node.allOf)
  ) {
    const typed = (node.allOf as unknown[]).map((m) => shapeOf(doc, m)).find((sh) => sh.kind !== "any");
    if (typed) return typed;
  }
  let type = node.type as string | string[] | undefined;
  let nullable = false;
  if (Array.isArray(type)) {
    nullable = type.includes("null");
    type = type.find((t) => t !== "null");
  }
  if (type === undefined && node.enum) type = typeof (node.enum as unknown[])[0];
  const shape: Shape = { kind: (type as Shape["kind"] | undefined) ?? "any", nullable };
  for (const key of [
    "enum",
    "const",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "uniqueItems",
  ] as const) {
    if (node[key] !== undefined) (shape as unknown as Node)[key] = node[key];
  }
  if (shape.kind === "array" && node.items) shape.items = shapeOf(doc, node.items);
  if (shape.kind === "object") {
    shape.properties = Object.fromEntries(
      Object.entries((node.properties as Node | undefined) ?? {}).map(([k, v]) => [k, shapeOf(doc, v)]),
    );
    shape.required = (node.required as string[] | undefined) ?? [];
    shape.additionalProperties = node.additionalProperties !== false;
    const rules = combinationRules(doc, node);
    if (rules.length > 0) shape.combinations = rules;
    if (node.dependentRequired) shape.dependentRequired = node.dependentRequired as Record<string, string[]>;
  }
  return shape;
}

/** `a.b[0].c`, the notation the API uses for `error.param`. */
export function paramPath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out;
}
