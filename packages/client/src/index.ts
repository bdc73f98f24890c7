// Public surface of @aurous/client. Runs in any runtime with fetch; Node-only helpers live in
// '@aurous/client/node'.
export { Aurous, type AurousOptions } from "./client.js";
export { type AurousCore, createAurous, DEFAULT_BASE_URL, onClientEvent } from "./core/core.js";
export type {
  ClientEventListener,
  ClientEventName,
  ClientEvents,
  ClientHooks,
  ErrorEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from "./core/events.js";
export type { Logger, LogLevel } from "./core/log.js";
export type {
  CallOptions,
  ClientOptions,
  CoreOptions,
  IdempotentCallOptions,
  ResponseSchema,
  ResponseValidators,
  RetryBackoff,
  VersionMismatch,
} from "./core/options.js";
export type { ApiResult, RateLimit } from "./core/result.js";
export { VERSION } from "./core/version.js";
export * from "./errors/api-error.js";
export { AurousError } from "./errors/base.js";
export { AurousCharacterFailedError, AurousWaitTimeoutError } from "./errors/character.js";
export { AurousFileError } from "./errors/file.js";
export { type AnyOperationError, isApiError, type OperationError } from "./errors/guards.js";
export {
  AurousResponseValidationError,
  AurousUndocumentedResponseError,
  type ValidationIssue,
} from "./errors/response.js";
export * from "./errors/transport.js";
export {
  API_VERSION,
  type ApiVersion,
  type ErrorCode,
  type ErrorStatus,
  type ErrorType,
  type IdempotentOperationId,
  type OperationId,
  type Operations,
  operations,
  RELEASED_VERSIONS,
} from "./generated/meta.js";
export * from "./generated/operations.gen.js";
export * from "./generated/resources.gen.js";
export type {
  Character,
  CharacterAttributes,
  CharacterList,
  CharacterRef,
  CharacterStatus,
  CharacterStatusFilter,
  Classification,
  CreateCharacterRequest,
  DeletedCharacter,
  ErrorDetail,
  Pose,
  RegenerateRefRequest,
  ResynthesizeRequest,
  UpdateCharacterRequest,
  UploadContentType,
  UploadExtension,
  UploadInitRequest,
  UploadTicket,
} from "./generated/types.gen.js";
export * from "./generated/validators.js";
export { contentTypeOf, detectImageType } from "./helpers/content-type.js";
export {
  type CreateAndWaitOptions,
  createImageAndWait,
  downloadImageOutput,
  downloadImageOutputs,
  isTerminalGenerationStatus,
  type WaitForImageOptions,
  waitForImage,
} from "./helpers/images.js";
export {
  type CursorPage,
  type CursorQuery,
  type ItemOf,
  type ListOperation,
  listAllCharacters,
  MAX_TO_ARRAY,
  type PageOf,
  Paginator,
  paginate,
  paginateCharacters,
  type QueryOf,
} from "./helpers/paginate.js";
export { type UploadedImage, type UploadImageOptions, uploadImage } from "./helpers/upload.js";
export {
  type PollOptions,
  type WaitableStatus,
  type WaitForOptions,
  waitForCharacter,
} from "./helpers/wait-for.js";
export type { BinaryBody, ImageBytes } from "./operations/request.js";
export { Characters } from "./resources/characters.js";
export { Images, type ListImagesPageQuery } from "./resources/images.js";
export { Uploads } from "./resources/uploads.js";
