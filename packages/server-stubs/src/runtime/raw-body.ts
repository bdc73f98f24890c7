// Raw-byte request bodies: an operation whose request body the model calls binary (every medium is
// `format: binary` or has a contentMediaType) gets its media types parsed as Buffers, up to the
// spec's upload limit, in a scope of its own so that no other route reads raw bytes.
import type { FastifyInstance } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import { limits } from "../generated/operations.gen.js";
import { RuntimeReject } from "./errors.js";
import { refusalCode } from "./refusals.js";

/** The route's body limit: the upload limit for raw bytes, else fastify's (the JSON limit). */
export function bodyLimitOf(meta: OperationMeta): number | undefined {
  return meta.requestBody?.binary ? limits.upload_bytes : undefined;
}

/** Calls `mount` on an instance that parses `meta`'s raw-byte media types (or on `app` itself). */
export function withBodyParsers(
  app: FastifyInstance,
  meta: OperationMeta,
  mount: (scope: FastifyInstance) => void,
): void {
  const body = meta.requestBody;
  if (!body?.binary) {
    mount(app);
    return;
  }
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      body.contentTypes,
      { parseAs: "buffer", bodyLimit: limits.upload_bytes },
      (_request, bytes, done) => done(null, bytes),
    );
    mount(scope);
  });
}

/**
 * A binary operation's body must have arrived as bytes: anything else came in another media type
 * (JSON, say, parsed by the JSON parser) and is refused with the operation's media-type code.
 */
export function requireBytes(meta: OperationMeta, body: unknown): void {
  if (!meta.requestBody?.binary || Buffer.isBuffer(body)) return;
  if (body === undefined && !meta.requestBody.required) return;
  throw new RuntimeReject(
    400,
    refusalCode(meta, "wrongMediaType") ?? "invalid_format",
    `Content-Type must be one of ${meta.requestBody.contentTypes.join(", ")}.`,
    null,
  );
}
