import type { ErrorCode, ErrorStatus, ErrorType, OperationId } from "../generated/meta.js";
import type { ErrorDetail } from "../generated/types.gen.js";
import { AurousError, hideResponse } from "./base.js";

export interface ApiErrorInit {
  operation: OperationId;
  status: number;
  detail: ErrorDetail;
  response: Response;
}

/**
 * A response the contract documents for the operation: a documented error status whose
 * `error.code` is one of the codes documented for that status. `Op` and `S` narrow `type` and
 * `code` to the contract's sets; see `isApiError` for getting a narrowed error out of a `catch`.
 */
export class AurousApiError<
  Op extends OperationId = OperationId,
  S extends ErrorStatus<Op> = ErrorStatus<Op>,
> extends AurousError {
  override name = "AurousApiError";
  /** The operationId of the call that failed. */
  declare readonly operation: Op;
  declare readonly status: S;
  declare readonly type: ErrorType<Op, S>;
  declare readonly code: ErrorCode<Op, S>;
  /** The request field, query parameter or header at fault, or null. */
  declare readonly param: string | null;
  declare readonly docUrl: string;
  /** `error.request_id`, equal to the `Aurous-Request-Id` header. Quote it to support. */
  declare readonly requestId: string;
  /** The error envelope's `error` object as received. */
  declare readonly error: ErrorDetail;
  /** The raw response (body already read); not enumerable, so logs and JSON leave it out. */
  declare readonly response: Response;

  constructor(init: ApiErrorInit) {
    super(init.detail.message);
    this.operation = init.operation as Op;
    this.status = init.status as S;
    this.type = init.detail.type as ErrorType<Op, S>;
    this.code = init.detail.code as ErrorCode<Op, S>;
    // Optional in the envelope (the real API may omit it): absent reads as null, "no single field".
    this.param = init.detail.param ?? null;
    this.docUrl = init.detail.doc_url;
    this.requestId = init.detail.request_id;
    this.error = init.detail;
    hideResponse(this, init.response);
  }
}

// One class per status, all direct subclasses of AurousApiError (as in stripe-node and openai-node):
// `instanceof AurousInvalidRequestError` means a 400 and nothing else.

/** 400: the request is invalid; fix it before retrying. */
export class AurousInvalidRequestError extends AurousApiError {
  override name = "AurousInvalidRequestError";
}

/** 402: the team has fewer credits than the operation costs; nothing was charged. */
export class AurousInsufficientCreditsError extends AurousApiError {
  override name = "AurousInsufficientCreditsError";
}

/** 409: the Idempotency-Key's first request is still running, or the key was reused with another body. */
export class AurousConflictError extends AurousApiError {
  override name = "AurousConflictError";
}

/** 410: the resource existed but is gone for good (an image output past its 24 hours). */
export class AurousGoneError extends AurousApiError {
  override name = "AurousGoneError";
}

/** 422: the request is well formed but the resource cannot serve it (no output to download yet). */
export class AurousUnprocessableEntityError extends AurousApiError {
  override name = "AurousUnprocessableEntityError";
}

/** 413: the request body (or the uploaded image) is too large. */
export class AurousPayloadTooLargeError extends AurousApiError {
  override name = "AurousPayloadTooLargeError";
}

/** 401: the API key (or the upload URL's signature) is missing, wrong, revoked or expired. */
export class AurousAuthenticationError extends AurousApiError {
  override name = "AurousAuthenticationError";
}

/** 403: the API key's scope does not allow the operation. */
export class AurousPermissionError extends AurousApiError {
  override name = "AurousPermissionError";
}

/** 404: the resource does not exist, was deleted, or belongs to another team. */
export class AurousNotFoundError extends AurousApiError {
  override name = "AurousNotFoundError";
}

/** 429: the operation's rate-limit bucket is empty. */
export class AurousRateLimitError extends AurousApiError {
  override name = "AurousRateLimitError";
  /** `Retry-After` in milliseconds, when the response carried it. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit & { retryAfterMs?: number | undefined }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 5xx: something failed on the server; retried automatically. */
export class AurousServerError extends AurousApiError {
  override name = "AurousServerError";
}
