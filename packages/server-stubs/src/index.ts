// Public API of @aurous/server-stubs.
export { createAurousServer } from "./runtime/server.js";
export type { AurousServerOptions, Authenticate, ErrorReport } from "./runtime/server.js";
export { ApiFailure, DOC_URL_BASE, STATUS_TYPE, envelope, type ErrorEnvelope } from "./runtime/errors.js";
export type { IdempotencyOptions } from "./runtime/idempotency.js";
export { StoreFailure, type StoreOperation } from "./runtime/store-calls.js";
export type { ServerTimeouts } from "./runtime/timeouts.js";
export type { UploadLimits } from "./runtime/upload-guard.js";
export { validationCodeFor, type ValidationKind } from "./runtime/validation.js";
export { createVersionResolver, type VersionResolver } from "./runtime/version.js";
export {
  VersionChangeError,
  type ErrorBody,
  type VersionChange,
  type VersionErrorContext,
  type VersionRequestContext,
  type VersionRequestUpgrade,
  type VersionResponseContext,
} from "./runtime/version-changes.js";
export { creditCost } from "./contract/credit-cost.js";
export { fail, failFor } from "./contract/fail.js";

export type {
  AnyErrorCodeOf,
  AnyErrorResult,
  ApiOperationId,
  AuthContext,
  CompleteImplementation,
  ErrorCodeOf,
  ErrorInit,
  ErrorResult,
  ErrorStatus,
  FailFn,
  Handler,
  HandlerRequest,
  HandlerResult,
  Implementation,
  OperationId,
  OperationTypes,
  RuntimeHeader,
  SignedUrlOperationId,
  SuccessResult,
  SuccessStatus,
  UploadCheck,
  UploadCheckRequest,
  VersionedOperationId,
} from "./contract/types.js";
export type { JsonSchema, KeyScope, OperationMeta, ParameterMeta, RateLimitRule, RequestBodyMeta, ResponseMeta } from "./contract/meta.js";

export { MemoryIdempotencyStore, MemoryRateLimitStore } from "./stores/memory.js";
export { RedisIdempotencyStore, RedisRateLimitStore, type RedisLike, type RedisStoreOptions } from "./stores/redis.js";
export type {
  ClaimResult,
  IdempotencyRecord,
  IdempotencyStore,
  RateLimitStore,
  StoredResponse,
  TakeResult,
  TokenBucketSpec,
} from "./stores/types.js";

// Generated from the contract.
export { apiVersions, componentSchemas, errorTypes, limits, operations } from "./generated/operations.gen.js";
export type * from "./generated/openapi-ts/types.gen.js";
export type { RouteHandlers as FastifyRouteHandlers } from "./generated/openapi-ts/fastify.gen.js";
