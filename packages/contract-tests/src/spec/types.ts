// The spec's shapes come from the one spec model (scripts/codegen/spec-model.d.mts); this file
// only re-exports them under the names this package uses, so nothing here describes them twice.
export type {
  BucketRule,
  HttpMethod,
  JsonSchema,
  MediaModel,
  OpenApiDocument,
  OperationModel,
  ParameterModel,
  RateLimitRule,
  ResponseModel,
  SpecModel,
} from "../../../../scripts/codegen/spec-model.mjs";
export { HTTP_METHODS } from "../../../../scripts/codegen/spec-model.mjs";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
