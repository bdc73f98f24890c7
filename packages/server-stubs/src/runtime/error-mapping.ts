// Maps anything thrown during a request (runtime refusals, ApiFailure from handlers, fastify's
// body-reading errors, bugs) to the status and error the client gets — never fastify's own shapes.
import type { FastifyError, FastifyRequest } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type { ErrorInit } from "../contract/types.js";
import { limits } from "../generated/operations.gen.js";
import { ApiFailure, INTERNAL_ERROR, RuntimeReject } from "./errors.js";
import { refusalCode } from "./refusals.js";
import { StoreFailure } from "./store-calls.js";
import { validationCodeFor } from "./validation.js";

export interface MappedError {
  status: number;
  init: ErrorInit & { param: string | null };
  headers?: Record<string, string | number> | undefined;
  /** A failure nobody meant to send (answered 500 and reported). */
  unexpected: boolean;
}

export function mapError(error: unknown, meta: OperationMeta | null, request: FastifyRequest): MappedError {
  if (error instanceof ApiFailure) {
    return {
      status: error.status,
      init: { code: error.code, message: error.message, param: error.param },
      headers: error instanceof RuntimeReject ? error.headers : undefined,
      unexpected: false,
    };
  }
  if (error instanceof StoreFailure) {
    // Nothing ran (or its answer is kept): retrying with the same Idempotency-Key is safe.
    const message =
      "A store this server depends on did not answer in time; retry with backoff (and the same Idempotency-Key).";
    return { status: 500, init: { ...INTERNAL_ERROR, message }, unexpected: true };
  }
  // Raw-byte bodies (requestBody.binary) have their own media-type code and size limit.
  const binary = meta?.requestBody?.binary === true;
  const invalid = (message: string): MappedError => {
    const code =
      (binary && refusalCode(meta!, "wrongMediaType")) ||
      (meta && validationCodeFor(meta, "invalid_format")) ||
      "invalid_format";
    return { status: 400, init: { code, message, param: null }, unexpected: false };
  };
  const { code, statusCode } = (error ?? {}) as Partial<FastifyError>;

  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    const max = binary ? limits.upload_bytes : limits.json_body_bytes;
    const init = {
      code: (meta && refusalCode(meta, "tooLarge")) ?? "request_too_large",
      message: binary ? `Uploads are limited to ${max} bytes.` : `JSON request bodies are limited to ${max} bytes.`,
      param: null,
    };
    return { status: 413, init, unexpected: false };
  }
  if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    const types = meta?.requestBody?.contentTypes.join(", ") ?? "application/json";
    return invalid(
      binary
        ? `Content-Type must be one of ${types}${meta?.credential === "signed-url" ? ", as the URL was signed for" : ""}.`
        : `Unsupported Content-Type ${JSON.stringify(request.headers["content-type"] ?? "")}; send application/json.`,
    );
  }
  // Malformed JSON, a bad Content-Length and similar reading errors.
  if (statusCode === 400 || error instanceof SyntaxError) return invalid("The request body could not be read as JSON.");
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return invalid(`The request was rejected (${(error as Error).message}).`);
  }
  return { status: 500, init: INTERNAL_ERROR, unexpected: true };
}
