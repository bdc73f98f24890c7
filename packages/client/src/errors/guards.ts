import type { ErrorStatus, OperationId } from "../generated/meta.js";
import { AurousApiError } from "./api-error.js";

/**
 * Every documented error of one operation, as a union discriminated by `status`: narrowing on
 * `status` narrows `code`, and a `switch (err.code)` over it can be checked for exhaustiveness.
 */
export type OperationError<Op extends OperationId> = Op extends OperationId
  ? { [S in ErrorStatus<Op>]: AurousApiError<Op, S> }[ErrorStatus<Op>]
  : never;

/** Any documented error of any operation, discriminated by `operation`. */
export type AnyOperationError = OperationError<OperationId>;

/**
 * Whether `err` is a documented error of `operation` (of any operation when omitted), narrowing
 * it to that operation's exact status/code union.
 */
export function isApiError<Op extends OperationId>(err: unknown, operation: Op): err is OperationError<Op>;
export function isApiError(err: unknown): err is AnyOperationError;
export function isApiError(err: unknown, operation?: OperationId): boolean {
  return err instanceof AurousApiError && (operation === undefined || err.operation === operation);
}
