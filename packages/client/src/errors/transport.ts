import type { OperationId } from "../generated/meta.js";
import { AurousError } from "./base.js";

/** No response arrived: DNS, refused or reset connection, a broken body stream. Retried. */
export class AurousConnectionError extends AurousError {
  override name = "AurousConnectionError";
  declare readonly operation: OperationId;

  constructor(operation: OperationId, message: string, options?: ErrorOptions) {
    super(`${operation}: ${message}`, options);
    this.operation = operation;
  }
}

/** An attempt took longer than `timeoutMs`. A connection error, so it is retried like one. */
export class AurousTimeoutError extends AurousConnectionError {
  override name = "AurousTimeoutError";
  declare readonly timeoutMs: number;

  constructor(operation: OperationId, timeoutMs: number, message = `no response within ${timeoutMs} ms`) {
    super(operation, message);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `signal` aborted the call (during a request or a retry delay). Never retried. */
export class AurousAbortError extends AurousError {
  override name = "AurousAbortError";
  declare readonly operation: OperationId;

  constructor(operation: OperationId, reason: unknown) {
    super(`${operation}: aborted by the caller`, { cause: reason });
    this.operation = operation;
  }
}
