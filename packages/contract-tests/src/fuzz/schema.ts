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
  }
  return shape;
}

/** `a.b[0].c`, the notation the API uses for `error.param`. */
export function paramPath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out;
}
