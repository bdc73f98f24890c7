// Shape of the runtime metadata that scripts/generate.mjs emits for every operation.
export type JsonSchema = Record<string, unknown>;

export type KeyScope = "read" | "write" | "full";

/** One bucket: its numbers and the 429 code it answers with (one code per bucket across the API). */
export interface BucketRule {
  bucket: string;
  error_code: string;
  sustained_per_minute: number;
  burst: number;
}

export interface RateLimitRule extends BucketRule {
  variants?: Array<BucketRule & { when: { body_field: string; equals: unknown } }>;
}

export interface ParameterMeta {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
  /** The name errors give it in `param` (x-aurous-error-param; else `name`). */
  errorParam: string;
}

export interface HeaderMeta {
  required: boolean;
  schema: JsonSchema;
}

export type ResponseMeta =
  | { kind: "success"; schema: JsonSchema | null; headers: Record<string, HeaderMeta> }
  | {
      kind: "error";
      schema: JsonSchema;
      headers: Record<string, HeaderMeta>;
      /** The envelope's `error.type` for this status. */
      type: string;
      /** Every `error.code` this status may carry for this operation. */
      codes: string[];
    };

export interface OperationMeta {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI path template, e.g. `/v1/characters/{id}`. */
  path: string;
  /** The same path in fastify's syntax, e.g. `/v1/characters/:id`. */
  routePath: string;
  /** `api`: API-key operations; `storage`: the signed upload PUT (no key, no rate limit, no version). */
  host: "api" | "storage";
  scope: KeyScope | null;
  rateLimit: RateLimitRule | null;
  creditCost: { credits: number; variants?: Array<{ when: { body_field: string; equals: unknown }; credits: number }> } | null;
  idempotency: { honours_key: boolean; window_hours?: number; naturally_idempotent?: boolean };
  validationErrorCode: string | null;
  parameters: ParameterMeta[];
  requestBody: { required: boolean; contentTypes: string[]; schema: JsonSchema | null } | null;
  responses: Record<string, ResponseMeta>;
}
