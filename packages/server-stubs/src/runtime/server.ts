// createAurousServer: a fastify instance with one route per operation of the contract, mounted from
// the generated metadata. Per request: request id → auth → version → body parse → request upgrade →
// rate limit → validation → idempotency → handler → (response validation) → response downgrade → send.
import type { Duplex } from "node:stream";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
  errorCodes as fastifyErrors,
  type onRequestHookHandler,
} from "fastify";
import type {
  AuthContext,
  Handler,
  Implementation,
  OperationId,
  SignedUrlOperationId,
  UploadCheck,
  VersionedOperationId,
} from "../contract/types.js";
import { apiVersions, componentSchemas, limits, operations } from "../generated/operations.gen.js";
import { MemoryIdempotencyStore, MemoryRateLimitStore } from "../stores/memory.js";
import type { IdempotencyStore, RateLimitStore } from "../stores/types.js";
import { mountApiRoute } from "./api-route.js";
import type { Authenticate, VerifyUrlToken } from "./auth-step.js";
import { createBadUrlResolver, pathForMessage } from "./bad-url.js";
import { mapError } from "./error-mapping.js";
import { answerConnect, createClientErrorHandler } from "./http-errors.js";
import type { IdempotencyOptions } from "./idempotency.js";
import { IdempotencyOutbox } from "./idempotency-outbox.js";
import { withBodyParsers } from "./raw-body.js";
import { assertRefusable } from "./refusals.js";
import { newRequestId } from "./request-id.js";
import { createResponder } from "./responder.js";
import { compileResponseValidators, type ResponseValidators } from "./responses.js";
import { createSchemaCompiler } from "./schemas.js";
import { responseSerializers } from "./serializers.js";
import { mountSignedUrlRoute } from "./signed-url-route.js";
import { declareState, stateOf } from "./state.js";
import { DEFAULT_STORE_TIMEOUT_MS, StoreFailure } from "./store-calls.js";
import { resolveTimeouts, type ServerTimeouts } from "./timeouts.js";
import { createUploadGuard, type UploadLimits } from "./upload-guard.js";
import { createVersionResolver } from "./version.js";
import { compileVersionChanges, type VersionChange, VersionChangeError } from "./version-changes.js";

export type { Authenticate, VerifyUrlToken };

export interface ErrorReport {
  /** `handler_threw`: a handler threw something other than ApiFailure; `off_spec_response`: a
   *  response failed response validation; `version_change_threw`: a version change's hook threw
   *  (the error is a VersionChangeError); `store_failed`: a store call failed or timed out (the
   *  error is a StoreFailure); `internal`: any other unexpected failure. */
  reason: "handler_threw" | "off_spec_response" | "version_change_threw" | "store_failed" | "internal";
  requestId: string;
  operationId: string | undefined;
}

export interface AurousServerOptions<Auth extends AuthContext = AuthContext> {
  /** One handler per operation (see `Implementation`). */
  implementation: Implementation<Auth>;
  /** Looks up an API key; null/undefined → 401 invalid_api_key, `revoked: true` → 401 revoked_api_key. */
  authenticate: Authenticate<Auth>;
  /**
   * Verifies the URL token of an operation that takes one instead of the API key (its security lists
   * an `apiKey` in the query as an alternative: getImageOutput's `token`, so that a browser can load
   * an output URL). Called only when the request sends no API key and the query carries the token;
   * returns the Auth the request acts as (the team whose output it is; it reaches the handler as
   * `req.auth`, extra fields included), or null/undefined → 401 signature_invalid (param: the token).
   * A valid key is used as before, token or not. Without this option every token is refused (401
   * signature_invalid): the server starts, and outputs are served to API keys only.
   */
  verifyUrlToken?: VerifyUrlToken<Auth>;
  /**
   * Checks a request to a signed-URL operation (signature, expiry, Content-Type…) before its body is
   * read, so that a forged or stale URL never streams up to 10 MiB into memory. Needs the handler of
   * at least one signed-URL operation (the storage PUT).
   */
  checkUpload?: UploadCheck<Auth>;
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
  /**
   * How long any one store call may take (ms) before the request is answered 500 internal_error.
   * Default 1000. Keep your store client's own retries inside it (see the README's Redis options).
   */
  storeTimeoutMs?: number;
  /**
   * Transforms between older pinned versions and the newest release, which handlers are written
   * against (see "Versioning: version-change modules" in the README). Each change's `version` must be
   * a release listed in the spec's `x-aurous-versions`, other than the first; checked at startup.
   */
  versionChanges?: readonly VersionChange[];
  /** Limits on signed-URL requests (one at a time per URL, attempts per URL, concurrent bodies). */
  uploads?: UploadLimits;
  /** How long a client may take to send a request (see `ServerTimeouts`); answered 408 in the envelope. */
  timeouts?: ServerTimeouts;
  /** Extra fastify options (trustProxy, keepAliveTimeout…). Logging, request ids and timeouts stay ours. */
  fastify?: Omit<
    FastifyServerOptions,
    "logger" | "loggerInstance" | "genReqId" | "requestTimeout" | "clientErrorHandler" | "frameworkErrors"
  >;
}

function isLogger(value: unknown): value is FastifyBaseLogger {
  return typeof value === "object" && value !== null && typeof (value as FastifyBaseLogger).info === "function";
}

/** A parameter's schema, through its `#/components/schemas/X` reference if it has one. */
function componentSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const ref = typeof schema.$ref === "string" ? schema.$ref.split("/").pop()! : null;
  return ref ? ((componentSchemas[ref] as Record<string, unknown> | undefined) ?? {}) : schema;
}

export function createAurousServer<Auth extends AuthContext = AuthContext>(
  options: AurousServerOptions<Auth>,
): FastifyInstance {
  const now = options.now ?? Date.now;
  const validateResponses = options.validateResponses ?? process.env.NODE_ENV !== "production";
  const ownRateLimit = options.stores?.rateLimit ? null : new MemoryRateLimitStore();
  const ownIdempotency = options.stores?.idempotency ? null : new MemoryIdempotencyStore();
  const rateLimitStore = options.stores?.rateLimit ?? ownRateLimit!;
  const idempotencyStore = options.stores?.idempotency ?? ownIdempotency!;
  const storeTimeoutMs = options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  if (!Number.isFinite(storeTimeoutMs) || storeTimeoutMs <= 0)
    throw new Error(`createAurousServer: storeTimeoutMs must be a positive number of ms; got ${storeTimeoutMs}`);
  const outbox = new IdempotencyOutbox(idempotencyStore, storeTimeoutMs, now);
  const versions = createVersionResolver(apiVersions);
  const metas = Object.values(operations);
  const versionedIds = metas.filter((m) => m.versioned).map((m) => m.operationId as VersionedOperationId);
  const versionChanges = compileVersionChanges(options.versionChanges ?? [], apiVersions, versionedIds);
  const compiler = createSchemaCompiler();
  const implementation = options.implementation as unknown as Record<string, Handler<OperationId, Auth> | undefined>;
  assertRefusable(metas);

  // API-key operations are required; signed-URL ones are mounted when given (see Implementation).
  const missing = metas
    .filter((m) => m.credential === "api-key" && typeof implementation[m.operationId] !== "function")
    .map((m) => m.operationId);
  if (missing.length) throw new Error(`createAurousServer: implementation lacks handlers for ${missing.join(", ")}`);
  const signedUrl = metas.filter((m) => m.credential === "signed-url");
  if (options.checkUpload && !signedUrl.some((m) => typeof implementation[m.operationId] === "function")) {
    const ids = signedUrl.map((m) => m.operationId).join(" or ") || "none in the spec";
    throw new Error(`createAurousServer: checkUpload needs a signed-URL operation's handler to guard (${ids})`);
  }

  const longestPathParameter = Math.max(
    100,
    ...metas.flatMap((meta) =>
      meta.parameters.filter((p) => p.in === "path").map((p) => Number(componentSchema(p.schema).maxLength ?? 0)),
    ),
  );
  const timeouts = resolveTimeouts(options.timeouts);
  const badUrl = createBadUrlResolver(metas);
  const app = Fastify({
    // A path id of any length the spec allows must reach validation and its handler (an unknown id
    // is a 404, never "URL malformed"): a UTF-8 character percent-encodes to at most 12 bytes.
    ...options.fastify,
    routerOptions: { maxParamLength: longestPathParameter * 12, ...options.fastify?.routerOptions },
    ...(isLogger(options.logger) ? { loggerInstance: options.logger } : { logger: options.logger ?? false }),
    genReqId: newRequestId,
    requestIdHeader: false,
    // fastify's own 503 body while closing is not an envelope; finish in-flight work instead.
    return503OnClosing: false,
    bodyLimit: limits.json_body_bytes,
    // Node checks these deadlines every `connectionsCheckingInterval`; fastify turns them off (0).
    requestTimeout: timeouts.requestMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkEveryMs },
    clientErrorHandler: createClientErrorHandler(versions.first, timeouts.requestMs),
    frameworkErrors: (error, request, reply) => {
      reply.header("Aurous-Request-Id", request.id);
      const st = stateOf(request);
      const pin = request.headers["aurous-version"];
      st.version = (typeof pin === "string" && versions.tryResolve(pin)) || versions.first;
      const answer = error.code === "FST_ERR_BAD_URL" ? badUrl(request.method, request.url) : null;
      if (answer) {
        st.op = answer.meta;
        const result = { status: answer.status, error: answer.init };
        const out = responder.prepare(
          request,
          answer.meta,
          result,
          responseValidators.get(answer.meta.operationId) ?? null,
        );
        return responder.send(request, reply, answer.meta, out);
      }
      // No operation lives there: the same answer as any unknown route.
      responder.sendEnvelope(request, reply, 404, {
        code: "resource_not_found",
        message: `No route ${request.method} ${pathForMessage(request.url)}.`,
        param: null,
      });
    },
  }) as unknown as FastifyInstance;
  app.server.on("connect", (_request: unknown, socket: Duplex) => answerConnect(socket, versions.first));

  declareState(app);

  function report(error: unknown, reason: ErrorReport["reason"], request: FastifyRequest): void {
    const operationId = stateOf(request).op?.operationId;
    request.log.error({ err: error, operationId, reason }, "request failed with 500 internal_error");
    options.onError?.(error, { reason, requestId: request.id, operationId });
  }
  // Compiled once per process from the closed response schemas (see serializers.ts).
  const serializers = new Map(metas.map((meta) => [meta.operationId, responseSerializers(meta)]));
  const responder = createResponder(versions, versionChanges, report, serializers);
  const responseValidators = new Map<string, ResponseValidators | null>();

  // Every response, API or not, carries the request id. The implementation's own routes are where
  // uploaded bytes are served back: nosniff keeps browsers from running them as anything but their
  // declared type. (API operations answer JSON and send only the headers the spec documents.)
  // API routes set the request id in their first onRequest step, envelopes outside any route
  // (404, bad URL) when sent; the implementation's own routes get a hook of their own, chosen when
  // they are added (not by a per-request look at request.routeOptions, which builds an object).
  const ownRoute: onRequestHookHandler = (request, reply, done) => {
    reply.header("Aurous-Request-Id", request.id);
    reply.header("X-Content-Type-Options", "nosniff");
    done();
  };
  app.addHook("onRoute", (route) => {
    if ((route.config as { operationId?: string } | undefined)?.operationId !== undefined) return;
    const own = route.onRequest;
    route.onRequest = own === undefined ? [ownRoute] : [ownRoute, ...(Array.isArray(own) ? own : [own])];
  });

  /** The route's operation documents no request body (auth-step has set the operation by now). */
  const takesNoBody = (request: FastifyRequest) => stateOf(request).op?.requestBody === null;

  // JSON bodies: an empty body reads as "no body" (resynthesize's body is optional); anything else
  // goes through fastify's own parser (prototype-poisoning safe).
  const defaultJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (typeof body !== "string" || body.trim() === "" || takesNoBody(request)) return done(null, undefined);
    defaultJson(request, body, done);
  });
  // Any other media type: an operation that documents no request body ignores whatever came (its
  // documented errors have no code for an unreadable body); elsewhere it is refused as before.
  app.addContentTypeParser("*", (request, payload, done) => {
    const op = stateOf(request).op;
    if (op && op.requestBody !== null)
      return done(new fastifyErrors.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers["content-type"] ?? ""), undefined);
    // No operation (the 404 handler answers) or one without a body: the bytes are not read.
    payload.resume();
    payload.once("end", () => done(null, undefined));
    payload.once("error", (error) => done(error, undefined));
  });

  app.setNotFoundHandler((request, reply) => {
    const pin = request.headers["aurous-version"];
    stateOf(request).version = (typeof pin === "string" && versions.tryResolve(pin)) || versions.first;
    responder.sendEnvelope(request, reply, 404, {
      code: "resource_not_found",
      message: `No route ${request.method} ${pathForMessage(request.url)}.`,
      param: null,
    });
  });

  app.setErrorHandler((error, request, reply) => {
    const meta = stateOf(request).op;
    const mapped = mapError(error, meta, request);
    if (mapped.unexpected) {
      const reason =
        error instanceof VersionChangeError
          ? "version_change_threw"
          : error instanceof StoreFailure
            ? "store_failed"
            : meta
              ? "handler_threw"
              : "internal";
      report(error, reason, request);
    }
    if (!meta) return responder.sendEnvelope(request, reply, mapped.status, mapped.init, mapped.headers);
    // Runtime refusals and handler errors alike must be documented for the operation.
    const out = responder.prepare(
      request,
      meta,
      { status: mapped.status, error: mapped.init },
      responseValidators.get(meta.operationId) ?? null,
    );
    if (out.status === mapped.status && mapped.headers) reply.headers(mapped.headers);
    return responder.send(request, reply, meta, out);
  });

  // One guard for every signed-URL route: its cap on bodies being read is per process.
  const uploadGuard = signedUrl.length ? createUploadGuard(rateLimitStore, options.uploads, storeTimeoutMs) : null;
  for (const meta of metas) {
    const validators = validateResponses ? compileResponseValidators(meta, compiler) : null;
    responseValidators.set(meta.operationId, validators);
    const handler = implementation[meta.operationId];
    if (meta.credential === "signed-url") {
      if (handler) {
        mountSignedUrlRoute(app, meta, handler as unknown as Handler<SignedUrlOperationId, Auth>, {
          compiler,
          guard: uploadGuard!,
          now,
          check: options.checkUpload as UploadCheck | undefined,
          version: versions.newest,
          send: (request, reply, result) =>
            responder.send(request, reply, meta, responder.prepare(request, meta, result, validators)),
        });
      }
      continue;
    }
    withBodyParsers(app, meta, (scope) =>
      mountApiRoute(scope, meta, handler!, {
        authenticate: options.authenticate,
        verifyUrlToken: options.verifyUrlToken,
        versions,
        compiler,
        rateLimitStore,
        idempotencyStore,
        idempotencyOptions: options.idempotency ?? {},
        outbox,
        storeTimeoutMs,
        now,
        responder,
        validators,
        versionChanges,
      }),
    );
  }

  app.addHook("onClose", async () => {
    // Answers the store has not taken yet get one last bounded chance before the process lets go.
    await outbox.drain(Date.now() + storeTimeoutMs * 2);
    outbox.close();
    if (outbox.size > 0) app.log.error({ pending: outbox.size }, "idempotency writes not stored at close");
    await ownRateLimit?.close();
    await ownIdempotency?.close();
  });

  return app;
}
