// Loads the bundled spec that every package consumes (built by `pnpm run bundle`). Tests read its
// operations through the one spec model (scripts/codegen/spec-model.mjs); the only independent
// walk of the document, to cross-check the model itself, is in spec-model.test.ts.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  errorShapeOf,
  deref as modelDeref,
  type OperationModel,
  readSpecModel,
} from "../../scripts/codegen/spec-model.mjs";

export const bundlePath = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

export type Json = any;

export function loadBundle(): Json {
  return JSON.parse(readFileSync(bundlePath, "utf8"));
}

export interface OperationEntry {
  path: string;
  method: string;
  /** The operation as written in the document (for checks on the document's own shape). */
  operation: Json;
  pathItem: Json;
  /** The spec model's reading of it. */
  model: OperationModel;
}

/** Every operation, in the model's order, with the raw nodes it was read from. */
export function operations(spec: Json): OperationEntry[] {
  return readSpecModel(spec).operations.map((model) => ({
    path: model.path,
    method: model.method,
    operation: spec.paths[model.path][model.method],
    pathItem: spec.paths[model.path],
    model,
  }));
}

/** Follows a local `#/components/...` reference (the model's deref). */
export function deref(spec: Json, node: Json): Json {
  return modelDeref(spec, node);
}

/** The `code` enum of an error response schema (`{error: allOf[ErrorDetail, {code: {enum}}]}`). */
export function documentedCodes(spec: Json, schema: Json): string[] {
  return errorShapeOf(spec, schema)?.codes ?? [];
}
