// The error envelope every non-2xx response carries, and the error an implementation may throw.
import type { ErrorInit } from "../contract/types.js";
import { errorTypes } from "../generated/operations.gen.js";

export const DOC_URL_BASE = "https://docs.aurous-labs.com/errors#";

/**
 * The envelope `type` of each status, from the spec (every documented error response narrows
 * `error.type`; the generator checks that a status always has the same one).
 */
export const STATUS_TYPE: Readonly<Record<number, string>> = errorTypes;

/** Statuses no operation documents (408 and 431 from Node's HTTP parser) still need a type. */
const typeOf = (status: number) => STATUS_TYPE[status] ?? (status >= 500 ? "server_error" : "invalid_request");

export interface ErrorEnvelope {
  error: {
    type: string;
    code: string;
    message: string;
    param: string | null;
    doc_url: string;
    request_id: string;
  };
}

export function envelope(status: number, init: ErrorInit, requestId: string): ErrorEnvelope {
  return {
    error: {
      type: typeOf(status),
      code: init.code,
      message: init.message,
      param: init.param ?? null,
      doc_url: DOC_URL_BASE + init.code,
      request_id: requestId,
    },
  };
}

/**
 * Throw from anywhere inside a handler to answer with a documented error: the thrown form of
 * `request.fail(...)`. (The client's `AurousError` is what integrators catch; this is what a server
 * throws.) The runtime checks that the status and code are documented for the operation (otherwise
 * the client gets 500 internal_error); returning `request.fail(...)` is the type-checked alternative.
 */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly param: string | null;

  constructor(status: number, code: string, message: string, param: string | null = null) {
    super(message);
    this.name = "ApiFailure";
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

/** Thrown by the runtime's own steps; carries extra headers (e.g. Retry-After). */
export class RuntimeReject extends ApiFailure {
  readonly headers: Record<string, string | number> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    param: string | null = null,
    headers?: Record<string, string | number>,
  ) {
    super(status, code, message, param);
    this.headers = headers;
  }
}

/** The one answer to a failure nobody meant to send. */
export const INTERNAL_ERROR: Readonly<ErrorInit & { param: null }> = {
  code: "internal_error",
  message: "Something went wrong on our side.",
  param: null,
};
