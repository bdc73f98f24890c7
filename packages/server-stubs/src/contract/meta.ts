// Shape of the runtime metadata that scripts/generate.mjs emits for every operation: a serialisable
// projection of the spec model's OperationModel (scripts/codegen/spec-model.d.mts), with the model's
// field names, so that one concept has one name from the spec to the runtime. Only two differences:
// response schemas are closed (see closed-world.mjs), and responses are keyed by status for lookup.
import type {
  BucketRule,
  CreditCost,
  HeaderModel,
  Idempotency,
  KeyScope,
  OperationModel,
  ParameterModel,
  RateLimitRule,
  RequestBodyModel,
  ResponseModel,
} from "../../../../scripts/codegen/spec-model.mjs";

export type { BucketRule, CreditCost, Idempotency, KeyScope, RateLimitRule };

export type JsonSchema = Record<string, unknown>;

export type ParameterMeta = Pick<ParameterModel, "name" | "in" | "required" | "errorParam"> & { schema: JsonSchema };

export type HeaderMeta = Pick<HeaderModel, "required"> & { schema: JsonSchema };

export type ResponseMeta = Pick<ResponseModel, "status" | "kind" | "errorType" | "codes"> & {
  /** The JSON body's schema, closed (our server sends only documented fields); null without one. */
  schema: JsonSchema | null;
  headers: Record<string, HeaderMeta>;
  /** The documented media types of its body (empty when it has none, e.g. a 204). */
  contentTypes: string[];
  /** Every medium is raw bytes (MediaModel.binary): the body is sent as bytes, not serialized. */
  binary: boolean;
};

export type RequestBodyMeta = Pick<RequestBodyModel, "required" | "contentTypes" | "binary"> & {
  jsonSchema: JsonSchema | null;
};

export type OperationMeta = Pick<
  OperationModel,
  | "operationId"
  | "method"
  | "httpMethod"
  | "path"
  | "routePath"
  | "pathParamNames"
  | "credential"
  | "urlToken"
  | "versioned"
  | "scope"
  | "rateLimit"
  | "creditCost"
  | "idempotency"
  | "validationErrorCode"
> & {
  parameters: ParameterMeta[];
  requestBody: RequestBodyMeta | null;
  /** Every documented response, keyed by status ("200", "404"…). */
  responses: Record<string, ResponseMeta>;
};

/** The documented error codes of `meta` at `status` (empty when it documents none). */
export function codesAt(meta: OperationMeta, status: number): readonly string[] {
  const r = meta.responses[String(status)];
  return r?.kind === "error" ? r.codes : [];
}
