import type { ErrorDetail } from "../generated/types.gen.js";
import {
  type ApiErrorInit,
  AurousApiError,
  AurousAuthenticationError,
  AurousConflictError,
  AurousGoneError,
  AurousInsufficientCreditsError,
  AurousInvalidRequestError,
  AurousNotFoundError,
  AurousPayloadTooLargeError,
  AurousPermissionError,
  AurousRateLimitError,
  AurousServerError,
  AurousUnprocessableEntityError,
} from "./api-error.js";

const classByStatus: Readonly<Record<number, new (init: ApiErrorInit) => AurousApiError>> = {
  400: AurousInvalidRequestError,
  401: AurousAuthenticationError,
  402: AurousInsufficientCreditsError,
  403: AurousPermissionError,
  404: AurousNotFoundError,
  409: AurousConflictError,
  410: AurousGoneError,
  413: AurousPayloadTooLargeError,
  422: AurousUnprocessableEntityError,
};

/** The `error` object of an envelope, when the body has the envelope's shape at all. */
export function errorDetailOf(body: unknown): ErrorDetail | undefined {
  const detail = (body as { error?: unknown } | null)?.error as ErrorDetail | undefined;
  return typeof detail === "object" && detail !== null && typeof detail.code === "string" ? detail : undefined;
}

/** Builds the error class that matches a documented error status. */
export function apiErrorFor(init: ApiErrorInit, retryAfterMs: number | undefined): AurousApiError {
  if (init.status === 429) return new AurousRateLimitError({ ...init, retryAfterMs });
  if (init.status >= 500) return new AurousServerError(init);
  const ErrorClass = classByStatus[init.status] ?? AurousApiError;
  return new ErrorClass(init);
}
