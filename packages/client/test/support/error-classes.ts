// The AurousApiError subclass the client must raise for each documented error status.
import {
  type AurousApiError,
  AurousAuthenticationError,
  AurousConflictError,
  AurousInsufficientCreditsError,
  AurousInvalidRequestError,
  AurousNotFoundError,
  AurousPayloadTooLargeError,
  AurousPermissionError,
  AurousRateLimitError,
  AurousServerError,
} from "../../src/index.js";

export const expectedErrorClass: Record<number, new (...args: never[]) => AurousApiError> = {
  400: AurousInvalidRequestError,
  401: AurousAuthenticationError,
  402: AurousInsufficientCreditsError,
  403: AurousPermissionError,
  404: AurousNotFoundError,
  409: AurousConflictError,
  413: AurousPayloadTooLargeError,
  429: AurousRateLimitError,
  500: AurousServerError,
};
