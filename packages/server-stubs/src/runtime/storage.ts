// The signed upload PUT (uploadCharacterImage) lives on the storage host: no API key, no rate
// limit, no Aurous-Version. When an implementation provides its handler the runtime mounts it with
// raw-byte parsing for the three image types and the upload size limit. Its documented codes have
// no validation code, so failures map by location: a bad signature/expiry query is 401
// signature_invalid, a malformed upload id 400 upload_invalid, another Content-Type 400
// content_type_mismatch (see the error handler), and over 10 MiB 413 upload_too_large. The URL checks
// (and the implementation's `checkUpload`) run in onRequest, before the body is read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type { AuthContext, Handler, HandlerRequest, UploadCheck, UploadCheckRequest } from "../contract/types.js";
import { limits } from "../generated/operations.gen.js";
import { RuntimeReject } from "./errors.js";
import { failResult, type ResultLike } from "./responder.js";
import type { SchemaCompiler } from "./schemas.js";
import { stateOf } from "./state.js";
import type { UploadGuard } from "./upload-guard.js";
import { compileRequestValidator, type ValidatedParts } from "./validation.js";

export interface StorageMountContext {
  compiler: SchemaCompiler;
  guard: UploadGuard;
  now: () => number;
  check: UploadCheck | undefined;
  version: string;
  send(request: FastifyRequest, reply: FastifyReply, result: ResultLike): FastifyReply;
}

/**
 * Refused before its body is read, a request would otherwise have that body read and discarded to
 * keep the connection alive, however large it is: close the connection instead, as fastify does for
 * its own 413.
 */
function closeIfBodyPending(request: FastifyRequest, reply: FastifyReply): void {
  const length = request.headers["content-length"];
  if ((length !== undefined && length !== "0") || request.headers["transfer-encoding"] !== undefined) {
    reply.header("Connection", "close");
  }
}

export function mountStorageRoute<Auth extends AuthContext>(
  app: FastifyInstance,
  meta: OperationMeta,
  handler: Handler<"uploadCharacterImage", Auth>,
  ctx: StorageMountContext,
): void {
  const validate = compileRequestValidator(meta, ctx.compiler, (_kind, message, param, location) =>
    location === "query"
      ? new RuntimeReject(401, "signature_invalid", "The upload URL signature is missing or does not match.", null)
      : new RuntimeReject(400, "upload_invalid", message, param),
  );
  const contentTypes = meta.requestBody?.contentTypes ?? [];
  // What onRequest validated, for the handler once the body has arrived.
  const validated = new WeakMap<FastifyRequest, ValidatedParts>();
  const requestFor = (request: FastifyRequest, parts: ValidatedParts): UploadCheckRequest<Auth> => ({
    operationId: "uploadCharacterImage",
    params: parts.params as never,
    query: parts.query as never,
    headers: {},
    auth: undefined,
    version: ctx.version,
    requestId: request.id,
    idempotencyKey: undefined,
    fail: failResult as never,
    log: request.log,
    raw: request,
  });

  // Encapsulated, so the raw-bytes parsers apply to this route only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(contentTypes, { parseAs: "buffer", bodyLimit: limits.upload_bytes }, (_request, body, done) =>
      done(null, body),
    );
    scope.route({
      method: meta.method,
      url: meta.routePath,
      bodyLimit: limits.upload_bytes,
      config: { operationId: meta.operationId },
      onRequest: async (request, reply) => {
        stateOf(request).op = meta;
        let parts: ValidatedParts;
        try {
          parts = validate({
            params: request.params as Record<string, unknown>,
            query: request.query as Record<string, unknown>,
            headers: request.headers,
            body: undefined,
          });
        } catch (error) {
          closeIfBodyPending(request, reply);
          throw error;
        }
        validated.set(request, parts);
        const refusal = await ctx.check?.(requestFor(request, parts));
        if (refusal) {
          closeIfBodyPending(request, reply);
          return ctx.send(request, reply, refusal as ResultLike);
        }
        // Signed and current: only now may it hold one of the slots its body will be read into.
        let release: () => void;
        try {
          release = await ctx.guard.admit(String(parts.params.upload_id), ctx.now());
        } catch (error) {
          closeIfBodyPending(request, reply);
          throw error;
        }
        // 'close' comes once the answer is sent or the connection is gone, whichever happens.
        reply.raw.once("close", release);
        if (reply.raw.destroyed) release();
      },
      handler: async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new RuntimeReject(400, "content_type_mismatch", `Content-Type must be one of ${contentTypes.join(", ")}.`, null);
        }
        const handlerRequest: HandlerRequest<"uploadCharacterImage", Auth> = {
          ...requestFor(request, validated.get(request)!),
          body: request.body,
        };
        return ctx.send(request, reply, (await handler(handlerRequest)) as ResultLike);
      },
    });
  });
}
