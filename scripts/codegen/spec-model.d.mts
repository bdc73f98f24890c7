// Types of the spec model (spec-model.mjs). JSON Schema nodes stay structurally open: the model
// keeps them as the bundle has them ($refs into #/components included) for validators to compile.
export type JsonSchema = { [key: string]: unknown } | boolean;
export type HttpMethod = "get" | "put" | "post" | "patch" | "delete";
export type KeyScope = "read" | "write" | "full";

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** One rate-limit bucket: its numbers and the 429 code it answers with. */
export interface BucketRule {
  bucket: string;
  error_code: string;
  sustained_per_minute: number;
  burst: number;
}

export interface BodyFieldCondition {
  body_field: string;
  equals: unknown;
}

export interface RateLimitRule extends BucketRule {
  variants?: Array<BucketRule & { when: BodyFieldCondition }>;
}

export interface CreditCost {
  /** Credits per item (per request when there is no `per_item_field`). */
  credits: number;
  /** The body field that counts the items priced (e.g. `count`); absent or defaulted → its schema default, else 1. */
  per_item_field?: string;
  variants?: Array<{ when: BodyFieldCondition; credits: number }>;
}

export interface Idempotency {
  honours_key: boolean;
  window_hours?: number;
  naturally_idempotent?: boolean;
}

export interface ParameterModel {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
  description: string;
  /** The name errors give it in `param` (x-aurous-error-param; else `name`). */
  errorParam: string;
  example?: unknown;
  examples: Record<string, unknown>;
}

export interface HeaderModel {
  required: boolean;
  schema: JsonSchema;
  description: string;
}

export interface MediaModel {
  contentType: string;
  schema: JsonSchema | null;
  /** The component the schema references, if it is a `$ref` to one. */
  schemaName: string | null;
  /** Raw bytes (`format: binary` or `contentMediaType`), not a JSON document. */
  binary: boolean;
  examples: Record<string, unknown>;
}

export interface LinkModel {
  operationId?: string;
  description?: string;
  parameters?: Record<string, unknown>;
  requestBody?: unknown;
}

export interface ResponseModel {
  status: number;
  kind: "success" | "error";
  description: string;
  /** The shared response component it references (e.g. `NotFound`), if any. */
  componentName: string | null;
  headers: Record<string, HeaderModel>;
  media: MediaModel[];
  /** Every medium is raw bytes (e.g. an image download): no JSON body to parse or validate. */
  binary: boolean;
  contentType: string | null;
  /** The JSON body's schema (the first medium's when there is no JSON). */
  schema: JsonSchema | null;
  schemaName: string | null;
  /** Named examples of the JSON body (error examples are named after their code). */
  examples: Record<string, unknown>;
  links: Record<string, LinkModel>;
  /** The envelope's `error.type` (errors only). */
  errorType: string | null;
  /** Every `error.code` this status may carry for this operation (errors only; else empty). */
  codes: string[];
}

export interface SecuritySchemeModel {
  name: string;
  type: string;
  in: string | null;
  paramName: string | null;
  scheme: string | null;
}

export interface RequestBodyModel {
  required: boolean;
  media: MediaModel[];
  contentTypes: string[];
  /** Every medium is raw bytes. */
  binary: boolean;
  jsonSchema: JsonSchema | null;
}

export interface OperationModel {
  operationId: string;
  /** The client's name for it: `client.<resource>.<method>` (x-aurous-sdk). */
  sdk: { resource: string; method: string };
  method: HttpMethod;
  httpMethod: Uppercase<HttpMethod>;
  /** OpenAPI path template, e.g. `/v1/characters/{id}`. */
  path: string;
  /** The same path in fastify's syntax, e.g. `/v1/characters/:id`. */
  routePath: string;
  pathParamNames: string[];
  summary: string;
  description: string;
  tags: string[];
  /** The operation's own servers (another host than the API's), if any. */
  servers: string[] | null;
  /** Alternatives (OR) of requirements (AND), with their schemes resolved. */
  security: SecuritySchemeModel[][];
  /** `api-key`: the team key; `signed-url`: only the URL's query signs the request. */
  credential: "api-key" | "signed-url";
  /**
   * On an `api-key` operation, the alternative of a token in the URL's query (an `apiKey` scheme
   * `in: query`, e.g. the signed `token` of an output URL) that stands in for the key; else null.
   */
  urlToken: { paramName: string } | null;
  /** Takes the `Aurous-Version` header. */
  versioned: boolean;
  scope: KeyScope | null;
  rateLimit: RateLimitRule | null;
  creditCost: CreditCost | null;
  idempotency: Idempotency;
  validationErrorCode: string | null;
  /** Path-level and operation-level parameters, merged. */
  parameters: ParameterModel[];
  requestBody: RequestBodyModel | null;
  /** In document order. */
  responses: ResponseModel[];
  success: ResponseModel;
  errors: ResponseModel[];
  /** Every `x-*` key of the operation, as written. */
  extensions: Record<string, unknown>;
}

export interface SpecModel {
  document: OpenApiDocument;
  /** The newest released version (`info.version`). */
  version: string;
  /** Every released date version, newest first (`x-aurous-versions`). */
  releasedVersions: string[];
  limits: { json_body_bytes: number; upload_bytes: number; [key: string]: unknown } | null;
  operations: OperationModel[];
  /** The operation with this id; throws when the spec has none. */
  operation(operationId: string): OperationModel;
}

export const HTTP_METHODS: readonly HttpMethod[];
export function resolvePointer(doc: unknown, ref: string): unknown;
export function deref<T = Record<string, unknown>>(doc: unknown, node: unknown): T;
export function errorShapeOf(doc: unknown, schema: unknown): { type: string; codes: string[] } | null;
export function readSpecModel(doc: unknown): SpecModel;
export function loadSpecModel(path: string): SpecModel;
