// Loads the bundled spec that every package consumes (built by `pnpm run bundle`).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const bundlePath = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function loadBundle(): Json {
  return JSON.parse(readFileSync(bundlePath, "utf8"));
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface OperationEntry {
  path: string;
  method: string;
  operation: Json;
  pathItem: Json;
}

export function operations(spec: Json): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, pathItem] of Object.entries<Json>(spec.paths)) {
    for (const method of HTTP_METHODS) {
      if (pathItem[method]) out.push({ path, method, operation: pathItem[method], pathItem });
    }
  }
  return out;
}

/** Follows a local `#/components/...` reference (the bundle keeps shared parts as refs). */
export function deref(spec: Json, node: Json): Json {
  let current = node;
  while (current && typeof current.$ref === "string") {
    const parts = current.$ref.replace(/^#\//, "").split("/").map((p: string) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    current = parts.reduce((acc: Json, key: string) => acc?.[key], spec);
  }
  return current;
}

/** The `code` enum of an error response schema (`{error: allOf[ErrorDetail, {code: {enum}}]}`). */
export function documentedCodes(spec: Json, schema: Json): string[] {
  const envelope = deref(spec, schema);
  const error = envelope?.properties?.error;
  const parts: Json[] = error?.allOf ?? [error];
  for (const part of parts) {
    const resolved = deref(spec, part);
    const codes = resolved?.properties?.code?.enum;
    if (Array.isArray(codes) && resolved !== deref(spec, { $ref: "#/components/schemas/ErrorDetail" })) return codes;
  }
  return [];
}
