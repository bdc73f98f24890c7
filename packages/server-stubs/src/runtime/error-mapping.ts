// Maps anything thrown during a request (runtime refusals, AurousError from handlers, fastify's
// body-reading errors, bugs) to the status and error the client gets — never fastify's own shapes.
import type { FastifyError, FastifyRequest } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type { ErrorInit } from "../contract/types.js";
import { limits } from "../generated/operations.gen.js";
import { AurousError, RuntimeReject } from "./errors.js";
import { StoreFailure } from "./store-calls.js";
import { validationCodeFor } from "./validation.js";

export interface MappedError {
  status: number;
  init: ErrorInit & { param: string | null };
  headers?: Record<string, string | number> | undefined;
  /** A failure nobody meant to send (answered 500 and reported). */
  unexpected: boolean;
}

const INTERNAL = { code: "internal_error", message: "Something went wrong on our side.", param: null };

export function mapError(error: unknown, meta: OperationMeta | null, request: FastifyRequest): MappedError {
  if (error instanceof AurousError) {
    return {
      status: error.status,
      init: { code: error.code, message: error.message, param: error.param },
      headers: error instanceof RuntimeReject ? error.headers : undefined,
      unexpected: false,
    };
  }
  if (error instanceof StoreFailure) {
    // Nothing ran (or its answer is kept): retrying with the same Idempotency-Key is safe.
    const message = "A store this server depends on did not answer in time; retry with backoff (and the same Idempotency-Key).";
    return { status: 500, init: { ...INTERNAL, message }, unexpected: true };
  }
  const storage = meta?.host === "storage";
  const invalid = (message: string): MappedError => {
    // The storage PUT documents no validation code; an unreadable body there is a type mismatch.
    const code = storage ? "content_type_mismatch" : (meta && validationCodeFor(meta, "invalid_format")) ?? "invalid_format";
    return { status: 400, init: { code, message, param: null }, unexpected: false };
  };
  const { code, statusCode } = (error ?? {}) as Partial<FastifyError>;

  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    const init = storage
      ? { code: "upload_too_large", message: `Uploads are limited to ${limits.upload_bytes} bytes.`, param: null }
      : { code: "request_too_large", message: `JSON request bodies are limited to ${limits.json_body_bytes} bytes.`, param: null };
    return { status: 413, init, unexpected: false };
  }
  if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return invalid(
      storage
        ? "Content-Type must be the image type the upload URL was signed for."
        : `Unsupported Content-Type ${JSON.stringify(request.headers["content-type"] ?? "")}; send application/json.`,
    );
  }
  // Malformed JSON, a bad Content-Length and similar reading errors.
  if (statusCode === 400 || error instanceof SyntaxError) return invalid("The request body could not be read as JSON.");
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return invalid(`The request was rejected (${(error as Error).message}).`);
  }
  return { status: 500, init: INTERNAL, unexpected: true };
}
