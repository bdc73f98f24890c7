// The documented operations and (operation, status, code) triples, read by the one spec model
// (scripts/codegen/spec-model.mjs) rather than by a walk of the bundle of our own.
import { fileURLToPath } from "node:url";
import { deref as derefIn, loadSpecModel } from "../../../../scripts/codegen/spec-model.mjs";

export const bundlePath = fileURLToPath(new URL("../../../../openapi/dist/openapi.json", import.meta.url));

export const model = loadSpecModel(bundlePath);
export const spec: Record<string, any> = model.document;

/** Follows a `$ref` chain inside the bundle. */
export const deref = (node: unknown): Record<string, any> => derefIn(spec, node);

export interface DocumentedError {
  operationId: string;
  status: number;
  code: string;
  /** Names of the response's examples (Prism's `Prefer: example=`). */
  examples: string[];
}

export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  successStatus: number;
}

export const documentedOperations: DocumentedOperation[] = model.operations.map((op) => ({
  operationId: op.operationId,
  method: op.method,
  path: op.path,
  successStatus: op.success.status,
}));

export const documentedErrors: DocumentedError[] = model.operations.flatMap((op) =>
  op.errors.flatMap((r) =>
    r.codes.map((code) => ({ operationId: op.operationId, status: r.status, code, examples: Object.keys(r.examples) })),
  ),
);
