// The handler contract, derived at the type level from the generated OperationTypes map: a handler
// may only return a status the spec documents for its operation, and an error only with a code
// documented for that status.
import type { FastifyBaseLogger, FastifyRequest } from "fastify";
import type {
  ApiOperationId,
  OperationId,
  OperationTypes,
  SignedUrlOperationId,
  VersionedOperationId,
} from "../generated/operations.gen.js";
import type { KeyScope } from "./meta.js";

export type { ApiOperationId, OperationId, OperationTypes, SignedUrlOperationId, VersionedOperationId };

/** Headers the runtime always sets itself; a handler cannot set or override them. */
export type RuntimeHeader =
  | "Aurous-Version"
  | "Aurous-Request-Id"
  | "X-RateLimit-Limit"
  | "X-RateLimit-Remaining"
  | "X-RateLimit-Reset"
  | "Retry-After"
  | "Aurous-Idempotent-Replayed";

type Responses<Op extends OperationId> = OperationTypes[Op]["responses"];
type Errors<Op extends OperationId> = OperationTypes[Op]["errors"];

export type SuccessStatus<Op extends OperationId> = keyof Responses<Op> & number;
export type ErrorStatus<Op extends OperationId> = keyof Errors<Op> & number;

/** The `error.code` values the spec documents for `Op` at `Status`. */
export type ErrorCodeOf<Op extends OperationId, Status extends ErrorStatus<Op>> = Errors<Op>[Status] extends {
  error: { code: infer C extends string };
}
  ? C
  : never;

/** Every code `Op` documents, at any status. */
export type AnyErrorCodeOf<Op extends OperationId> = { [S in ErrorStatus<Op>]: ErrorCodeOf<Op, S> }[ErrorStatus<Op>];

/** Headers a handler may set on a response: those documented for it, minus the runtime's own. */
type SettableHeaders<Op extends OperationId, S extends keyof OperationTypes[Op]["responseHeaders"]> = Omit<
  OperationTypes[Op]["responseHeaders"][S],
  RuntimeHeader
>;
type HeadersField<H> = keyof H extends never ? { headers?: never } : { headers?: Partial<H> };

// biome-ignore lint/suspicious/noConfusingVoidType: `void` is how an operation without a body is typed (hey-api).
type BodyField<B> = [B] extends [void] ? { body?: undefined } : { body: B };

/** The media types documented for a raw-byte response of `Op` at `S`; never for JSON. */
export type BinaryMediaOf<Op extends OperationId, S> = S extends keyof OperationTypes[Op]["binaryMedia"]
  ? OperationTypes[Op]["binaryMedia"][S]
  : never;

/** Raw bytes carry their media type: the handler names one of those documented, as Content-Type. */
type SuccessHeadersField<H, Media> = [Media] extends [never]
  ? HeadersField<H>
  : { headers: Partial<H> & { "Content-Type": Media } };

/**
 * A documented success: `{ status: 200, body: Character }`; for raw bytes (getImageOutput)
 * `{ status: 200, body: Uint8Array, headers: { "Content-Type": "image/png" } }`.
 */
export type SuccessResult<Op extends OperationId> = {
  [S in SuccessStatus<Op>]: { status: S } & BodyField<Responses<Op>[S]> &
    SuccessHeadersField<SettableHeaders<Op, S & keyof OperationTypes[Op]["responseHeaders"]>, BinaryMediaOf<Op, S>>;
}[SuccessStatus<Op>];

/** What a handler says about an error; the runtime adds `type`, `doc_url` and `request_id`. */
export interface ErrorInit<Code extends string = string> {
  code: Code;
  message: string;
  /** The request field, query parameter or header at fault (e.g. `attributes.age`), or null. */
  param?: string | null;
}

/** A documented error: `{ status: 404, error: { code: "resource_not_found", message } }`. */
export type ErrorResult<Op extends OperationId> = {
  [S in ErrorStatus<Op>]: { status: S; error: ErrorInit<ErrorCodeOf<Op, S>> };
}[ErrorStatus<Op>];

/** A documented error of any operation in the union `Ops` (distributes over it). */
export type AnyErrorResult<Ops extends OperationId> = Ops extends OperationId ? ErrorResult<Ops> : never;

export type HandlerResult<Op extends OperationId> = SuccessResult<Op> | ErrorResult<Op>;

/** What `authenticate` returns for a known key. Extra fields reach handlers untouched. */
export interface AuthContext {
  /** Rate limits and idempotency keys are scoped by this id. */
  teamId: string;
  scope: KeyScope;
  /** A revoked key answers 401 revoked_api_key. */
  revoked?: boolean;
  /** Applied when the request sends no Aurous-Version; defaults to the newest release. */
  defaultVersion?: string;
}

/** A typed `fail(status, code, message, param?)` for one operation. */
export type FailFn<Op extends OperationId> = <S extends ErrorStatus<Op>, C extends ErrorCodeOf<Op, S>>(
  status: S,
  code: C,
  message: string,
  param?: string | null,
) => { status: S; error: ErrorInit<C> };

export interface HandlerRequest<Op extends OperationId, Auth extends AuthContext = AuthContext> {
  operationId: Op;
  params: OperationTypes[Op]["params"];
  query: OperationTypes[Op]["query"];
  /** The documented request headers, under their spec names. */
  headers: OperationTypes[Op]["headers"];
  body: OperationTypes[Op]["body"];
  /** The authenticated key (absent on signed-URL operations, which take no API key). */
  auth: Op extends ApiOperationId ? Auth : undefined;
  /** The Aurous-Version applied to this request (echoed on the response). */
  version: string;
  requestId: string;
  /** The Idempotency-Key this request claimed, on operations that honour one. */
  idempotencyKey: string | undefined;
  /** Builds a documented error for this operation. */
  fail: FailFn<Op>;
  log: FastifyBaseLogger;
  /** The underlying fastify request, for anything the contract does not cover. */
  raw: FastifyRequest;
}

export type Handler<Op extends OperationId, Auth extends AuthContext = AuthContext> = (
  request: HandlerRequest<Op, Auth>,
) => HandlerResult<Op> | Promise<HandlerResult<Op>>;

/**
 * What `checkUpload` sees of a request to a signed-URL operation: all of it but its body, which is
 * not read yet. A union over the signed-URL operations; narrow on `operationId` when there are several.
 */
export type UploadCheckRequest<Auth extends AuthContext = AuthContext> = {
  [Op in SignedUrlOperationId]: Omit<HandlerRequest<Op, Auth>, "body">;
}[SignedUrlOperationId];

/**
 * Judges a signed-URL request from its URL and headers alone: a documented error (`request.fail(401,
 * "signature_invalid", …)`) refuses it before a byte of the body is read; `undefined` lets the body
 * through to the operation's handler.
 */
export type UploadCheck<Auth extends AuthContext = AuthContext> = (
  request: UploadCheckRequest<Auth>,
) => AnyErrorResult<SignedUrlOperationId> | undefined | Promise<AnyErrorResult<SignedUrlOperationId> | undefined>;

/**
 * One handler per API-key operation (required). Handlers of signed-URL operations (e.g. the storage
 * PUT) are optional: when given, the runtime mounts them without API key, rate limit or Aurous-Version.
 */
export type Implementation<Auth extends AuthContext = AuthContext> = {
  [Op in ApiOperationId]: Handler<Op, Auth>;
} & {
  [Op in SignedUrlOperationId]?: Handler<Op, Auth>;
};

/**
 * Every operation's handler, signed-URL ones included: for an implementation that serves the whole
 * contract (the sandbox), so that an operation added to the spec fails to compile until it has one.
 */
export type CompleteImplementation<Auth extends AuthContext = AuthContext> = {
  [Op in OperationId]: Handler<Op, Auth>;
};
