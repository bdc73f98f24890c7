// Routes of operations authorised by a signed URL alone (credential "signed-url" in the spec model,
// e.g. the storage PUT): no API key, no rate limit, no Aurous-Version. When an implementation
// provides the handler the runtime mounts it with its body parsed as the model says (raw bytes for
// a binary body). Failures map to the codes the operation documents (see refusals.ts): a bad
// signature query is a 401, a malformed path a 400, another Content-Type and an oversized body as
// the error handler maps them. The URL checks (and the implementation's `checkUpload`) and the
// upload guard run in onRequest, before the body is read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type {
  AuthContext,
  Handler,
  HandlerRequest,
  SignedUrlOperationId,
  UploadCheck,
  UploadCheckRequest,
} from "../contract/types.js";
import { RuntimeReject } from "./errors.js";
import { bodyLimitOf, requireBytes, withBodyParsers } from "./raw-body.js";
import { refusalCode } from "./refusals.js";
import { failResult, type ResultLike } from "./responder.js";
import type { SchemaCompiler } from "./schemas.js";
import { stateOf } from "./state.js";
import type { UploadGuard } from "./upload-guard.js";
import { compileRequestValidator, type ValidatedParts } from "./validation.js";

export interface SignedUrlMountContext {
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

export function mountSignedUrlRoute<Auth extends AuthContext>(
  app: FastifyInstance,
  meta: OperationMeta,
  handler: Handler<SignedUrlOperationId, Auth>,
  ctx: SignedUrlMountContext,
): void {
  // assertRefusable has checked at startup that both codes are documented.
  const badSignature = refusalCode(meta, "badSignature")!;
  const unusableUrl = refusalCode(meta, "unusableUrl")!;
  const validate = compileRequestValidator(meta, ctx.compiler, (_kind, message, param, location) =>
    location === "query"
      ? new RuntimeReject(401, badSignature, "The URL signature is missing or does not match.", null)
      : new RuntimeReject(400, unusableUrl, message, param),
  );
  // What onRequest validated, for the handler once the body has arrived.
  const validated = new WeakMap<FastifyRequest, ValidatedParts>();
  const requestFor = (request: FastifyRequest, parts: ValidatedParts): UploadCheckRequest<Auth> => ({
    operationId: meta.operationId as SignedUrlOperationId,
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
  /** One signed URL: the operation and its path parameters (the query is its signature). */
  const urlKey = (parts: ValidatedParts) =>
    [meta.operationId, ...meta.pathParamNames.map((name) => String(parts.params[name]))].join(":");

  withBodyParsers(app, meta, (scope) =>
    scope.route({
      method: meta.httpMethod,
      url: meta.routePath,
      bodyLimit: bodyLimitOf(meta),
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
          release = await ctx.guard.admit(urlKey(parts), ctx.now(), unusableUrl);
        } catch (error) {
          closeIfBodyPending(request, reply);
          throw error;
        }
        // 'close' comes once the answer is sent or the connection is gone, whichever happens.
        reply.raw.once("close", release);
        if (reply.raw.destroyed) release();
      },
      handler: async (request, reply) => {
        requireBytes(meta, request.body);
        const handlerRequest = {
          ...requestFor(request, validated.get(request)!),
          body: request.body,
        } as HandlerRequest<SignedUrlOperationId, Auth>;
        return ctx.send(request, reply, (await handler(handlerRequest)) as ResultLike);
      },
    }),
  );
}
