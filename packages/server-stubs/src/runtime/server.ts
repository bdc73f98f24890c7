// createAurousServer: a fastify instance with one route per operation of the contract, mounted from
// the generated metadata. Per request: request id → auth → version → body parse → rate limit →
// validation → idempotency → handler → (response validation) → send.
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type { AuthContext, Handler, HandlerRequest, Implementation } from "../contract/types.js";
import { apiVersions, limits, operations, type OperationId } from "../generated/operations.gen.js";
import { MemoryIdempotencyStore, MemoryRateLimitStore } from "../stores/memory.js";
import type { IdempotencyStore, RateLimitStore } from "../stores/types.js";
import { authStep, type Authenticate } from "./auth-step.js";
import { AurousError, RuntimeReject, envelope } from "./errors.js";
import { claimKey, fingerprint, windowMs, type IdempotencyOptions } from "./idempotency.js";
import { drawToken } from "./rate-limit.js";
import { newRequestId } from "./request-id.js";
import {
  OffSpecResponse,
  buildResponse,
  compileResponseValidators,
  type OutgoingResponse,
  type ResponseValidators,
} from "./responses.js";
import { createSchemaCompiler } from "./schemas.js";
import { declareState, stateOf } from "./state.js";
import { mountStorageRoute } from "./storage.js";
import { compileRequestValidator, validationCodeFor } from "./validation.js";
import { createVersionResolver } from "./version.js";

export type { Authenticate };

export interface ErrorReport {
  /** `handler_threw`: a handler threw something other than AurousError; `off_spec_response`: a
   *  response failed response validation; `internal`: any other unexpected failure. */
  reason: "handler_threw" | "off_spec_response" | "internal";
  requestId: string;
  operationId: string | undefined;
}

export interface AurousServerOptions<Auth extends AuthContext = AuthContext> {
  /** One handler per operation (see `Implementation`). */
  implementation: Implementation<Auth>;
  /** Looks up an API key; null/undefined → 401 invalid_api_key, `revoked: true` → 401 revoked_api_key. */
  authenticate: Authenticate<Auth>;
  /** Rate-limit and idempotency stores; in-memory by default (one process). */
  stores?: { rateLimit?: RateLimitStore; idempotency?: IdempotencyStore };
  /** Check every response against the spec (off-spec → logged 500). Default: NODE_ENV !== "production". */
  validateResponses?: boolean;
  /** A pino-compatible logger instance, or fastify's logger option (`true`, `{ level }`). Default off. */
  logger?: FastifyBaseLogger | FastifyServerOptions["logger"];
  /** Called for every unexpected failure turned into 500 internal_error (after it is logged). */
  onError?: (error: unknown, report: ErrorReport) => void;
  /** The clock, in epoch milliseconds (rate limits and idempotency expiry). Default Date.now. */
  now?: () => number;
  idempotency?: IdempotencyOptions;
  /** Extra fastify options (trustProxy, connectionTimeout…). Logging and request ids stay ours. */
  fastify?: Omit<FastifyServerOptions, "logger" | "loggerInstance" | "genReqId">;
}

const JSON_MEDIA = /^application\/json\s*(;|$)/i;

const fail = (status: number, code: string, message: string, param: string | null = null) => ({
  status,
  error: { code, message, param },
});

function isLogger(value: unknown): value is FastifyBaseLogger {
  return typeof value === "object" && value !== null && typeof (value as FastifyBaseLogger).info === "function";
}

export function createAurousServer<Auth extends AuthContext = AuthContext>(options: AurousServerOptions<Auth>): FastifyInstance {
  const now = options.now ?? Date.now;
  const validateResponses = options.validateResponses ?? process.env.NODE_ENV !== "production";
  const ownRateLimit = options.stores?.rateLimit ? null : new MemoryRateLimitStore();
  const ownIdempotency = options.stores?.idempotency ? null : new MemoryIdempotencyStore();
  const rateLimitStore = options.stores?.rateLimit ?? ownRateLimit!;
  const idempotencyStore = options.stores?.idempotency ?? ownIdempotency!;
  const idempotencyOptions = options.idempotency ?? {};
  const versions = createVersionResolver(apiVersions);
  const compiler = createSchemaCompiler();
  const implementation = options.implementation as unknown as Record<string, Handler<OperationId, Auth> | undefined>;

  const missing = Object.values(operations)
    .filter((m) => m.host === "api" && typeof implementation[m.operationId] !== "function")
    .map((m) => m.operationId);
  if (missing.length) throw new Error(`createAurousServer: implementation lacks handlers for ${missing.join(", ")}`);

  const app = Fastify({
    ...options.fastify,
    ...(isLogger(options.logger) ? { loggerInstance: options.logger } : { logger: options.logger ?? false }),
    genReqId: newRequestId,
    requestIdHeader: false,
    // fastify's own 503 body while closing is not an envelope; finish in-flight work instead.
    return503OnClosing: false,
    bodyLimit: limits.json_body_bytes,
    frameworkErrors: (error, request, reply) => {
      reply.header("Aurous-Request-Id", request.id);
      sendEnvelope(request, reply, 400, { code: "invalid_format", message: `The request URL is malformed (${error.message}).`, param: null });
    },
  }) as unknown as FastifyInstance;

  declareState(app);

  function report(error: unknown, reason: ErrorReport["reason"], request: FastifyRequest): void {
    const operationId = stateOf(request).op?.operationId;
    request.log.error({ err: error, operationId, reason }, "request failed with 500 internal_error");
    options.onError?.(error, { reason, requestId: request.id, operationId });
  }

  function sendEnvelope(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    init: { code: string; message: string; param: string | null },
    headers?: Record<string, string | number>,
  ): FastifyReply {
    if (headers) reply.headers(headers);
    const st = stateOf(request);
    if (st.op?.host !== "storage") reply.header("Aurous-Version", st.version ?? versions.first);
    return reply.code(status).send(envelope(status, init, request.id));
  }

  /** Builds the response to a result of `meta`'s handler or runtime; an off-spec result becomes 500. */
  function prepare(
    request: FastifyRequest,
    meta: OperationMeta,
    result: Parameters<typeof buildResponse>[1],
    validators: ResponseValidators | null,
  ): OutgoingResponse {
    try {
      return buildResponse(meta, result, request.id, validators);
    } catch (error) {
      if (!(error instanceof OffSpecResponse)) throw error;
      report(error, "off_spec_response", request);
      return buildResponse(meta, fail(500, "internal_error", "Something went wrong on our side."), request.id, null);
    }
  }

  function sendOut(request: FastifyRequest, reply: FastifyReply, meta: OperationMeta, out: OutgoingResponse): FastifyReply {
    if (out.headers) reply.headers(out.headers);
    if (meta.host !== "storage") reply.header("Aurous-Version", stateOf(request).version ?? versions.first);
    reply.code(out.status);
    return out.body === undefined ? reply.send() : reply.send(out.body);
  }

  // Every response, API or not, carries the request id.
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("Aurous-Request-Id", request.id);
    done();
  });

  // JSON bodies: an empty body reads as "no body" (resynthesize's body is optional); anything else
  // goes through fastify's own parser (prototype-poisoning safe).
  const defaultJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (body === "" || (typeof body === "string" && body.trim() === "")) return done(null, undefined);
    defaultJson(request, body as string, done);
  });

  app.setNotFoundHandler((request, reply) => {
    const pin = request.headers["aurous-version"];
    stateOf(request).version = (typeof pin === "string" && versions.tryResolve(pin)) || versions.first;
    sendEnvelope(request, reply, 404, {
      code: "resource_not_found",
      message: `No route ${request.method} ${request.url.split("?")[0]}.`,
      param: null,
    });
  });

  app.setErrorHandler((error: FastifyError | AurousError | Error, request, reply) => {
    const meta = stateOf(request).op;
    const fastifyCode = (error as FastifyError).code;
    const statusCode = (error as FastifyError).statusCode;
    let status = 500;
    let init: { code: string; message: string; param: string | null };
    let headers: Record<string, string | number> | undefined;
    const invalid = (message: string) => {
      status = 400;
      // The storage PUT documents no validation code; an unreadable body there is a type mismatch.
      const code = meta?.host === "storage" ? "content_type_mismatch" : meta && validationCodeFor(meta, "invalid_format");
      init = { code: code ?? "invalid_format", message, param: null };
    };
    init = { code: "internal_error", message: "Something went wrong on our side.", param: null };

    if (error instanceof AurousError) {
      status = error.status;
      init = { code: error.code, message: error.message, param: error.param };
      if (error instanceof RuntimeReject) headers = error.headers;
    } else if (fastifyCode === "FST_ERR_CTP_BODY_TOO_LARGE") {
      status = 413;
      init =
        meta?.host === "storage"
          ? { code: "upload_too_large", message: `Uploads are limited to ${limits.upload_bytes} bytes.`, param: null }
          : { code: "request_too_large", message: `JSON request bodies are limited to ${limits.json_body_bytes} bytes.`, param: null };
    } else if (fastifyCode === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      if (meta?.host === "storage") {
        status = 400;
        init = { code: "content_type_mismatch", message: "Content-Type must be the image type the upload URL was signed for.", param: null };
      } else invalid(`Unsupported Content-Type ${JSON.stringify(request.headers["content-type"] ?? "")}; send application/json.`);
    } else if (statusCode === 400 || error instanceof SyntaxError) {
      // Malformed JSON, a bad Content-Length and similar reading errors.
      invalid("The request body could not be read as JSON.");
    } else if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
      invalid(`The request was rejected (${error.message}).`);
    } else {
      report(error, meta ? "handler_threw" : "internal", request);
    }

    if (meta) {
      // Runtime and handler errors alike must be documented for the operation.
      const out = prepare(request, meta, { status, error: init }, responseValidators.get(meta.operationId) ?? null);
      if (out.status === status && headers) reply.headers(headers);
      return sendOut(request, reply, meta, out);
    }
    sendEnvelope(request, reply, status, init, headers);
  });

  const responseValidators = new Map<string, ResponseValidators | null>();

  for (const meta of Object.values(operations)) {
    responseValidators.set(meta.operationId, validateResponses ? compileResponseValidators(meta, compiler) : null);
    if (meta.host === "storage") {
      const handler = implementation[meta.operationId];
      if (handler) {
        mountStorageRoute(app, meta, handler as unknown as Handler<"uploadCharacterImage", Auth>, {
          compiler,
          version: versions.newest,
          stateOf: (request) => {
            stateOf(request).op = meta;
          },
          send: (request, reply, result) =>
            sendOut(request, reply, meta, prepare(request, meta, result, responseValidators.get(meta.operationId) ?? null)),
        });
      }
      continue;
    }
    mountApiRoute(meta);
  }

  function mountApiRoute(meta: OperationMeta): void {
    const handler = implementation[meta.operationId]!;
    const validate = compileRequestValidator(meta, compiler);
    const validators = responseValidators.get(meta.operationId) ?? null;
    const honoursKey = meta.idempotency.honours_key;
    const jsonBody = meta.requestBody?.contentTypes.includes("application/json") ?? false;

    app.route({
      method: meta.method,
      url: meta.routePath,
      config: { operationId: meta.operationId },
      // Authentication, scope and version run before the body is read.
      onRequest: authStep(meta, options.authenticate, versions),
      handler: async (request, reply) => {
        const st = stateOf(request);
        const auth = st.auth!;
        const rawBody = request.body;
        // An unreadable body is refused before the bucket is drawn (like malformed JSON).
        if (rawBody !== undefined && jsonBody && !JSON_MEDIA.test(request.headers["content-type"] ?? "")) {
          throw new RuntimeReject(400, validationCodeFor(meta, "invalid_format")!, "Send the body as application/json.", null);
        }
        const limitHeaders = await drawToken(rateLimitStore, meta, auth.teamId, rawBody, now());
        if (limitHeaders) reply.headers(limitHeaders);

        const parts = validate({
          params: request.params as Record<string, unknown>,
          query: request.query as Record<string, unknown>,
          headers: request.headers,
          body: rawBody,
        });

        const idempotencyKey = honoursKey ? (parts.headers["Idempotency-Key"] as string | undefined) : undefined;
        let claim: { storeKey: string; fingerprint: string; claimedAt: number } | undefined;
        if (idempotencyKey !== undefined) {
          const fp = fingerprint(meta.operationId, parts.params, parts.body);
          const outcome = await claimKey(idempotencyStore, meta, auth.teamId, idempotencyKey, fp, now(), idempotencyOptions);
          if (outcome.kind === "replay") {
            const { status, body, headers } = outcome.response;
            if (headers) reply.headers(headers);
            reply.header("Aurous-Idempotent-Replayed", "true").header("Aurous-Version", st.version);
            return reply.code(status).send(body);
          }
          claim = outcome;
        }

        const handlerRequest: HandlerRequest<OperationId, Auth> = {
          operationId: meta.operationId as OperationId,
          params: parts.params as never,
          query: parts.query as never,
          headers: parts.headers as never,
          body: parts.body as never,
          auth: auth as never,
          version: st.version!,
          requestId: request.id,
          idempotencyKey: claim ? idempotencyKey : undefined,
          fail: fail as never,
          log: request.log,
          raw: request,
        };

        let result: Parameters<typeof buildResponse>[1];
        try {
          result = (await handler(handlerRequest)) as typeof result;
        } catch (error) {
          if (claim) await idempotencyStore.release(claim.storeKey, claim.fingerprint);
          throw error;
        }
        const out = prepare(request, meta, result, validators);
        if (claim) {
          // Only a success is remembered; any error releases the key so the request is re-evaluated.
          if (out.status >= 200 && out.status < 300) {
            const stored = { status: out.status, body: out.body, ...(out.headers ? { headers: stringHeaders(out.headers) } : {}) };
            await idempotencyStore.complete(claim.storeKey, claim.fingerprint, stored, claim.claimedAt + windowMs(meta, idempotencyOptions), now());
          } else {
            await idempotencyStore.release(claim.storeKey, claim.fingerprint);
          }
        }
        return sendOut(request, reply, meta, out);
      },
    });
  }

  app.addHook("onClose", async () => {
    await ownRateLimit?.close();
    await ownIdempotency?.close();
  });

  return app;
}

function stringHeaders(headers: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
}
