// Types of generate-operations.mjs, for the tests that render a changed spec model.
import type { OperationModel, SpecModel } from "../../../scripts/codegen/spec-model.mjs";

export interface Signature {
  P: string;
  params: Array<{ name: string; type: string; optional: boolean }>;
  parts: string[];
  result: string;
  hasQuery: boolean;
}

export function signatureOf(op: OperationModel): Signature;
export function renderOperations(model: SpecModel): string;
export function renderResources(model: SpecModel): string;
