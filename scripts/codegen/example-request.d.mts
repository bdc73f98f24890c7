import type { OperationModel, ParameterModel } from "./spec-model.mjs";

export interface ExampleCall {
  /** One string per path parameter, in path order. */
  pathArgs: string[];
  /** The path with every parameter filled (URI-encoded). */
  path: string;
  /** Every query parameter that has an example (but the skipped ones). */
  query: Record<string, unknown>;
  /** The JSON body's example, if the operation takes JSON. */
  body: unknown;
  hasJsonBody: boolean;
  hasQuery: boolean;
  /** The client method's arguments before the options (the signature rule). */
  args: unknown[];
}

export function parameterExample(doc: unknown, parameter: ParameterModel | undefined): unknown;
export function schemaExample(doc: unknown, name: string): unknown;
export function bodyExample(doc: unknown, op: OperationModel): unknown;
export function exampleCall(doc: unknown, op: OperationModel, options?: { skipQuery?: string[] }): ExampleCall;
