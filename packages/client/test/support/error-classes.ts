// The AurousApiError subclass the client must raise for each documented error status.
import {
  type AurousApiError,
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
} from "../../src/index.js";

export const expectedErrorClass: Record<number, new (...args: never[]) => AurousApiError> = {
  400: AurousInvalidRequestError,
  401: AurousAuthenticationError,
  402: AurousInsufficientCreditsError,
  403: AurousPermissionError,
  404: AurousNotFoundError,
  409: AurousConflictError,
  410: AurousGoneError,
  413: AurousPayloadTooLargeError,
  422: AurousUnprocessableEntityError,
  429: AurousRateLimitError,
  500: AurousServerError,
};
