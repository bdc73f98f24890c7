// Resolves local `#/...` references. The bundle keeps shared parts (schemas, responses, headers,
// parameters) as refs, so every reader goes through here.
import type { OpenApiDocument } from "./types.js";

export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local refs are supported: ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

/** Follows `$ref` chains until a node without one. */
export function deref<T = Record<string, unknown>>(doc: OpenApiDocument, node: unknown): T {
  let current = node as Record<string, unknown> | undefined;
  const seen = new Set<string>();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    current = resolvePointer(doc, current.$ref) as Record<string, unknown> | undefined;
  }
  return current as T;
}
