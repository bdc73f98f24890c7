// The contract matrix: one entry per documented outcome of every operation — each success
// response, and each (status, error code) pair. Both suites and the report are keyed by it.
import { listOperations, type OperationModel, type ResponseModel } from "./operations.js";
import type { OpenApiDocument } from "./types.js";

export interface MatrixEntry {
  /** `operationId status code`, or `operationId status` for a success. Stable across runs. */
  id: string;
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** The error code, or null for a success response. */
  code: string | null;
  /** The named example Prism serves for this entry (`Prefer: example=`), if any. */
  example: string | null;
}

export function entryId(operationId: string, status: number, code: string | null): string {
  return code ? `${operationId} ${status} ${code}` : `${operationId} ${status}`;
}

function entriesOf(op: OperationModel, response: ResponseModel): MatrixEntry[] {
  const base = { operationId: op.operationId, method: op.httpMethod, path: op.path, status: response.status };
  if (response.status < 400) {
    const example = Object.keys(response.examples)[0] ?? null;
    return [{ ...base, id: entryId(op.operationId, response.status, null), code: null, example }];
  }
  return response.codes.map((code) => ({
    ...base,
    id: entryId(op.operationId, response.status, code),
    code,
    // Error examples are named after their code (a spec convention checked in test/matrix.test.ts).
    example: code in response.examples ? code : null,
  }));
}

export function buildMatrix(doc: OpenApiDocument): MatrixEntry[] {
  return listOperations(doc).flatMap((op) => op.responses.flatMap((r) => entriesOf(op, r)));
}
