// Public API of @aurous/server-stubs.

export { type CreditBreakdown, creditBreakdown, creditCost } from "./contract/credit-cost.js";
export { fail, failFor } from "./contract/fail.js";
export type {
  JsonSchema,
  KeyScope,
  OperationMeta,
  ParameterMeta,
  RateLimitRule,
  RequestBodyMeta,
  ResponseMeta,
} from "./contract/meta.js";
export type {
  AnyErrorCodeOf,
  AnyErrorResult,
  ApiOperationId,
  AuthContext,
  BinaryMediaOf,
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
export type { RouteHandlers as FastifyRouteHandlers } from "./generated/openapi-ts/fastify.gen.js";
export type * from "./generated/openapi-ts/types.gen.js";
// Generated from the contract.
export { apiVersions, componentSchemas, errorTypes, limits, operations } from "./generated/operations.gen.js";
export { ApiFailure, DOC_URL_BASE, type ErrorEnvelope, envelope, STATUS_TYPE } from "./runtime/errors.js";
export type { IdempotencyOptions } from "./runtime/idempotency.js";
export type { AurousServerOptions, Authenticate, ErrorReport, VerifyUrlToken } from "./runtime/server.js";
export { createAurousServer } from "./runtime/server.js";
export { StoreFailure, type StoreOperation } from "./runtime/store-calls.js";
export type { ServerTimeouts } from "./runtime/timeouts.js";
export type { UploadLimits } from "./runtime/upload-guard.js";
export { type ValidationKind, validationCodeFor } from "./runtime/validation.js";
export { createVersionResolver, type VersionResolver } from "./runtime/version.js";
export {
  type ErrorBody,
  type VersionChange,
  VersionChangeError,
  type VersionErrorContext,
  type VersionRequestContext,
  type VersionRequestUpgrade,
  type VersionResponseContext,
} from "./runtime/version-changes.js";
export { MemoryIdempotencyStore, MemoryRateLimitStore } from "./stores/memory.js";
export { RedisIdempotencyStore, type RedisLike, RedisRateLimitStore, type RedisStoreOptions } from "./stores/redis.js";
export type {
  ClaimResult,
  IdempotencyRecord,
  IdempotencyStore,
  RateLimitStore,
  StoredResponse,
  TakeResult,
  TokenBucketSpec,
} from "./stores/types.js";
