// Enum sync: collects every enum the spec declares — component enums, and per operation and
// status the documented error codes and error type — and compares them with what a generated
// artifact (the client's zod schemas and metadata, the server stubs' metadata) holds. Any
// difference is drift.
import { listOperations } from "./spec/operations.js";
import type { OpenApiDocument } from "./spec/types.js";

export interface SpecEnums {
  /** Component schemas with a top-level enum: name → values, in spec order. */
  components: Record<string, string[]>;
  /** `operationId status` → documented error codes. */
  errorCodes: Record<string, string[]>;
  /** `operationId status` → the envelope's error.type const. */
  errorTypes: Record<string, string>;
}

export function specEnums(doc: OpenApiDocument): SpecEnums {
  const components: Record<string, string[]> = {};
  for (const [name, schema] of Object.entries(doc.components.schemas ?? {})) {
    const values = (schema as { enum?: unknown[] }).enum;
    if (Array.isArray(values)) components[name] = values.map(String);
  }
  const errorCodes: Record<string, string[]> = {};
  const errorTypes: Record<string, string> = {};
  for (const op of listOperations(doc)) {
    for (const r of op.responses) {
      if (r.status < 400) continue;
      errorCodes[`${op.operationId} ${r.status}`] = r.codes;
      if (r.errorType) errorTypes[`${op.operationId} ${r.status}`] = r.errorType;
    }
  }
  return { components, errorCodes, errorTypes };
}

export interface Drift {
  where: string;
  spec: unknown;
  artifact: unknown;
}

/** Compares two keyed sets of enums; order matters for lists (generated code keeps spec order). */
export function compareEnums(label: string, spec: Record<string, unknown>, artifact: Record<string, unknown>): Drift[] {
  const drift: Drift[] = [];
  for (const key of new Set([...Object.keys(spec), ...Object.keys(artifact)])) {
    const a = JSON.stringify(spec[key]);
    const b = JSON.stringify(artifact[key]);
    if (a !== b)
      drift.push({ where: `${label}: ${key}`, spec: spec[key] ?? "(absent)", artifact: artifact[key] ?? "(absent)" });
  }
  return drift;
}

export function describeDrift(drift: Drift[]): string[] {
  return drift.map((d) => `${d.where}: spec ${JSON.stringify(d.spec)} ≠ artifact ${JSON.stringify(d.artifact)}`);
}
