// Public surface of @aurous/client. Runs in any runtime with fetch; Node-only helpers live in
// '@aurous/client/node'.
export { Aurous, type AurousOptions } from './client.js';
export { type AurousCore, createAurous, DEFAULT_BASE_URL, onClientEvent } from './core/core.js';
export type {
  ClientEventListener,
  ClientEventName,
  ClientEvents,
  ClientHooks,
  ErrorEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from './core/events.js';
export type { Logger, LogLevel } from './core/log.js';
export { VERSION } from './core/version.js';
export type {
  CallOptions,
  ClientOptions,
  CoreOptions,
  IdempotentCallOptions,
  ResponseSchema,
  ResponseValidators,
  RetryBackoff,
  VersionMismatch,
} from './core/options.js';
export type { ApiResult, RateLimit } from './core/result.js';

export * from './generated/operations.gen.js';
export * from './generated/resources.gen.js';
export type { BinaryBody, ImageBytes } from './operations/request.js';
export {
  type CursorPage,
  type CursorQuery,
  type ItemOf,
  listAllCharacters,
  type ListOperation,
  MAX_TO_ARRAY,
  type PageOf,
  paginate,
  paginateCharacters,
  Paginator,
  type QueryOf,
} from './helpers/paginate.js';
export { waitForCharacter, type WaitableStatus, type WaitForOptions } from './helpers/wait-for.js';
export { uploadImage, type UploadedImage, type UploadImageOptions } from './helpers/upload.js';
export { contentTypeOf, detectImageType } from './helpers/content-type.js';
export { Characters } from './resources/characters.js';
export { Uploads } from './resources/uploads.js';

export { AurousError } from './errors/base.js';
export * from './errors/api-error.js';
export * from './errors/transport.js';
export {
  AurousResponseValidationError,
  AurousUndocumentedResponseError,
  type ValidationIssue,
} from './errors/response.js';
export { AurousCharacterFailedError, AurousWaitTimeoutError } from './errors/character.js';
export { AurousFileError } from './errors/file.js';
export { type AnyOperationError, isApiError, type OperationError } from './errors/guards.js';

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
} from './generated/meta.js';
export * from './generated/validators.js';
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
} from './generated/types.gen.js';
