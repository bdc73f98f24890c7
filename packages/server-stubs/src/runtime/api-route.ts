// One API operation's route. onRequest: auth → scope → version (before the body is read); then
// body check → request upgrade (version changes) → rate limit → validation → idempotency → handler →
// response (validated when on; downgraded to the caller's version when sent).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type { AuthContext, Handler, HandlerRequest, OperationId } from "../contract/types.js";
import type { IdempotencyStore, RateLimitStore } from "../stores/types.js";
import { type Authenticate, authStep, type VerifyUrlToken } from "./auth-step.js";
import { RuntimeReject } from "./errors.js";
import { claimKey, fingerprint, type IdempotencyOptions, type IdempotencyOutcome, windowMs } from "./idempotency.js";
import type { IdempotencyOutbox } from "./idempotency-outbox.js";
import { drawToken } from "./rate-limit.js";
import { bodyLimitOf, requireBytes } from "./raw-body.js";
import { failResult, type Responder, type ResultLike } from "./responder.js";
import type { OutgoingResponse, ResponseValidators } from "./responses.js";
import type { SchemaCompiler } from "./schemas.js";
import { stateOf } from "./state.js";
import { compileRequestValidator, type ValidatedParts, validationCodeFor } from "./validation.js";
import type { VersionResolver } from "./version.js";
import type { VersionChanges } from "./version-changes.js";

const JSON_MEDIA = /^application\/json\s*(;|$)/i;

export interface ApiRouteContext<Auth extends AuthContext> {
  authenticate: Authenticate<Auth>;
  verifyUrlToken: VerifyUrlToken<Auth> | undefined;
  versions: VersionResolver;
  compiler: SchemaCompiler;
  rateLimitStore: RateLimitStore;
  idempotencyStore: IdempotencyStore;
  idempotencyOptions: IdempotencyOptions;
  outbox: IdempotencyOutbox;
  storeTimeoutMs: number;
  now: () => number;
  responder: Responder;
  validators: ResponseValidators | null;
  versionChanges: VersionChanges;
}

function stringHeaders(headers: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
}

export function mountApiRoute<Auth extends AuthContext>(
  app: FastifyInstance,
  meta: OperationMeta,
  handler: Handler<OperationId, Auth>,
  ctx: ApiRouteContext<Auth>,
): void {
  const { responder, outbox, now } = ctx;
  const claimContext = {
    store: ctx.idempotencyStore,
    outbox,
    timeoutMs: ctx.storeTimeoutMs,
    options: ctx.idempotencyOptions,
  };
  const validate = compileRequestValidator(meta, ctx.compiler);
  const honoursKey = meta.idempotency.honours_key;
  const jsonBody = meta.requestBody?.jsonSchema != null;
  const window = windowMs(meta, ctx.idempotencyOptions);

  // Synchronous until something answers with a promise (an async store, authenticate or handler):
  // an in-memory bucket and a synchronous handler cost no promise and no microtask.
  const afterLimit = (
    request: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    query: Record<string, unknown>,
    limitHeaders: LimitHeaders | null,
  ) => {
    const auth = stateOf(request).auth!;
    if (limitHeaders) {
      reply.header("X-RateLimit-Limit", limitHeaders["X-RateLimit-Limit"]);
      reply.header("X-RateLimit-Remaining", limitHeaders["X-RateLimit-Remaining"]);
      reply.header("X-RateLimit-Reset", limitHeaders["X-RateLimit-Reset"]);
    }
    const parts = validate({
      params: request.params as Record<string, unknown>,
      query,
      headers: request.headers,
      body,
    });
    const key = honoursKey ? (parts.headers["Idempotency-Key"] as string | undefined) : undefined;
    if (key !== undefined) return withKey(request, reply, parts, auth, key);
    return run(request, reply, parts, auth, undefined, undefined);
  };

  const withKey = async (
    request: FastifyRequest,
    reply: FastifyReply,
    parts: ValidatedParts,
    auth: AuthContext,
    key: string,
  ) => {
    const fp = fingerprint(meta.operationId, parts.params, parts.body);
    const outcome = await claimKey(claimContext, meta, auth.teamId, key, fp, now());
    if (outcome.kind === "replay") {
      const { status, body, headers } = outcome.response;
      if (headers) reply.headers(headers);
      reply.header("Aurous-Idempotent-Replayed", "true");
      responder.send(request, reply, meta, { status, body });
      return;
    }
    await run(request, reply, parts, auth, key, outcome);
  };

  const release = (c: Claim) =>
    outbox.write(c.storeKey, {
      kind: "release",
      fingerprint: c.fingerprint,
      owner: c.owner,
      expiresAtMs: c.lockExpiresAt,
    });

  const run = (
    request: FastifyRequest,
    reply: FastifyReply,
    parts: ValidatedParts,
    auth: AuthContext,
    key: string | undefined,
    claim: Claim | undefined,
  ) => {
    const handlerRequest: HandlerRequest<OperationId, Auth> = {
      operationId: meta.operationId as OperationId,
      params: parts.params as never,
      query: parts.query as never,
      headers: parts.headers as never,
      body: parts.body as never,
      auth: auth as never,
      version: stateOf(request).version!,
      requestId: request.id,
      idempotencyKey: claim ? key : undefined,
      fail: failResult as never,
      log: request.log,
      raw: request,
    };
    let result: ResultLike | PromiseLike<ResultLike>;
    try {
      result = handler(handlerRequest) as ResultLike | PromiseLike<ResultLike>;
    } catch (error) {
      if (claim) return release(claim).then(() => Promise.reject(error));
      throw error;
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (r) => finish(request, reply, r, claim),
        async (error: unknown) => {
          if (claim) await release(claim);
          throw error;
        },
      );
    }
    return finish(request, reply, result, claim);
  };

  const finish = (
    request: FastifyRequest,
    reply: FastifyReply,
    result: ResultLike,
    claim: Claim | undefined,
  ): Promise<void> | undefined => {
    const out = responder.prepare(request, meta, result, ctx.validators);
    if (!claim) {
      responder.send(request, reply, meta, out);
      return undefined;
    }
    return remember(request, out, claim).then(() => void responder.send(request, reply, meta, out));
  };

  // Only a success is remembered; an error releases the key so the request is re-evaluated.
  // Neither waits for a failing store: the handler's effects happened, so its answer goes out
  // and the write is retried from the outbox (a retry meanwhile is replayed from there).
  const remember = async (request: FastifyRequest, out: OutgoingResponse, claim: Claim) => {
    if (out.status >= 200 && out.status < 300) {
      const stored = {
        status: out.status,
        body: out.body,
        ...(out.headers ? { headers: stringHeaders(out.headers) } : {}),
      };
      const write = {
        kind: "complete" as const,
        fingerprint: claim.fingerprint,
        owner: claim.owner,
        response: stored,
        expiresAtMs: claim.claimedAt + window,
      };
      if (!(await outbox.write(claim.storeKey, write)))
        request.log.warn({ operationId: meta.operationId }, "idempotency answer kept in the outbox: the store failed");
    } else {
      await release(claim);
    }
  };

  app.route({
    method: meta.httpMethod,
    url: meta.routePath,
    bodyLimit: bodyLimitOf(meta),
    config: { operationId: meta.operationId },
    onRequest: authStep(meta, ctx.authenticate, ctx.versions, ctx.verifyUrlToken),
    // Returns undefined once it has sent (fastify then does nothing more), or a promise.
    handler: (request, reply) => {
      const st = stateOf(request);
      const rawBody = request.body;
      // A body in another media type is unreadable: refused before the bucket is drawn.
      if (rawBody !== undefined && jsonBody && !JSON_MEDIA.test(request.headers["content-type"] ?? "")) {
        throw new RuntimeReject(
          400,
          validationCodeFor(meta, "invalid_format")!,
          "Send the body as application/json.",
          null,
        );
      }
      requireBytes(meta, rawBody);
      // Old pins: bring the request to the newest shape first, so that the bucket variants and the
      // schemas (both written for the newest release) see what the handler will see.
      let body: unknown = rawBody;
      let query = request.query as Record<string, unknown>;
      const plan = ctx.versionChanges.plan(meta.operationId, st.version!);
      if (plan) {
        const upgraded = plan.upgrade({ body, query, headers: request.headers });
        if (!upgraded.ok) {
          st.refusedBy = upgraded.refusedBy;
          throw upgraded.error;
        }
        ({ body, query } = upgraded);
      }
      const limitHeaders = drawToken(ctx.rateLimitStore, meta, st.auth!.teamId, body, now(), ctx.storeTimeoutMs);
      if (limitHeaders instanceof Promise) return limitHeaders.then((h) => afterLimit(request, reply, body, query, h));
      return afterLimit(request, reply, body, query, limitHeaders);
    },
  });
}

type Claim = Extract<IdempotencyOutcome, { kind: "claimed" }>;
type LimitHeaders = Record<string, number>;

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return value !== null && typeof value === "object" && typeof (value as PromiseLike<T>).then === "function";
}
