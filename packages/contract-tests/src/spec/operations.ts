// Reads every operation of the bundle into one flat, dereferenced description: parameters (path
// and operation level merged), body, responses with their documented error codes, and the
// x-aurous-* extensions. Everything else in this package works from this view.
import { deref } from "./deref.js";
import { HTTP_METHODS, type HttpMethod, type JsonSchema, type OpenApiDocument } from "./types.js";

/** One bucket: its numbers and the 429 code it answers with. */
export interface BucketRule {
  bucket: string;
  error_code: string;
  sustained_per_minute: number;
  burst: number;
}

export interface RateLimit extends BucketRule {
  variants?: Array<BucketRule & { when: { body_field: string; equals: unknown } }>;
}

export interface ParameterInfo {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: JsonSchema;
}

export interface HeaderInfo {
  required: boolean;
  schema: JsonSchema;
}

export interface ResponseInfo {
  status: number;
  description: string;
  headers: Record<string, HeaderInfo>;
  contentType: string | null;
  schema: JsonSchema | null;
  /** The `error.code` enum for error responses; empty for successes. */
  codes: string[];
  /** The `error.type` const for error responses. */
  errorType: string | null;
  examples: Record<string, unknown>;
}

export interface OperationInfo {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  /** `apiKey` for the API host, `signedUrl` for the storage PUT. */
  auth: "apiKey" | "signedUrl";
  scope: string | null;
  rateLimit: RateLimit | null;
  creditCost: { credits: number; variants?: Array<{ when: { body_field: string; equals: unknown }; credits: number }> } | null;
  idempotency: { honours_key: boolean; window_hours?: number; naturally_idempotent?: boolean } | null;
  validationErrorCode: string | null;
  parameters: ParameterInfo[];
  requestBody: { required: boolean; content: Record<string, JsonSchema> } | null;
  responses: ResponseInfo[];
}

type Node = Record<string, unknown>;

/** The code enum and type const of `{error: allOf[ErrorDetail, {type: const, code: enum}]}`. */
export function errorCodesOf(doc: OpenApiDocument, schema: unknown): { codes: string[]; type: string | null } {
  const envelope = deref<Node>(doc, schema);
  const error = (envelope?.properties as Node | undefined)?.error as Node | undefined;
  if (!error) return { codes: [], type: null };
  const parts = (error.allOf as unknown[] | undefined) ?? [error];
  for (const part of parts) {
    if ((part as Node).$ref) continue; // ErrorDetail: the full, un-narrowed enum
    const props = deref<Node>(doc, part).properties as Node | undefined;
    const code = props?.code as Node | undefined;
    const type = props?.type as Node | undefined;
    if (Array.isArray(code?.enum)) return { codes: code.enum as string[], type: (type?.const as string) ?? null };
  }
  return { codes: [], type: null };
}

function readResponse(doc: OpenApiDocument, status: string, raw: unknown): ResponseInfo {
  const response = deref<Node>(doc, raw);
  const headers: Record<string, HeaderInfo> = {};
  for (const [name, h] of Object.entries((response.headers as Node | undefined) ?? {})) {
    const header = deref<Node>(doc, h);
    headers[name] = { required: header.required === true, schema: header.schema as JsonSchema };
  }
  const content = (response.content as Record<string, Node> | undefined) ?? {};
  const [contentType, media] = Object.entries(content)[0] ?? [null, undefined];
  const schema = (media?.schema as JsonSchema | undefined) ?? null;
  const examples: Record<string, unknown> = {};
  for (const [name, ex] of Object.entries((media?.examples as Node | undefined) ?? {})) {
    examples[name] = deref<Node>(doc, ex).value;
  }
  const { codes, type } = Number(status) >= 400 && schema ? errorCodesOf(doc, schema) : { codes: [], type: null };
  return {
    status: Number(status),
    description: String(response.description ?? ""),
    headers,
    contentType,
    schema,
    codes,
    errorType: type,
    examples,
  };
}

export function listOperations(doc: OpenApiDocument): OperationInfo[] {
  const out: OperationInfo[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const pathParams = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of HTTP_METHODS) {
      const op = item[method] as Node | undefined;
      if (!op) continue;
      const params = new Map<string, ParameterInfo>();
      for (const raw of [...pathParams, ...((op.parameters as unknown[] | undefined) ?? [])]) {
        const p = deref<Node>(doc, raw);
        params.set(`${p.in}:${p.name}`, {
          name: String(p.name),
          in: p.in as ParameterInfo["in"],
          required: p.required === true,
          schema: p.schema as JsonSchema,
        });
      }
      const body = op.requestBody ? deref<Node>(doc, op.requestBody) : null;
      const security = (op.security as Array<Record<string, unknown>> | undefined) ?? [];
      out.push({
        operationId: String(op.operationId),
        method,
        path,
        summary: String(op.summary ?? ""),
        auth: security.some((s) => "SignedUploadUrl" in s) ? "signedUrl" : "apiKey",
        scope: (op["x-aurous-scope"] as string | undefined) ?? null,
        rateLimit: (op["x-aurous-rate-limit"] as RateLimit | undefined) ?? null,
        creditCost: (op["x-aurous-credit-cost"] as OperationInfo["creditCost"]) ?? null,
        idempotency: (op["x-aurous-idempotency"] as OperationInfo["idempotency"]) ?? null,
        validationErrorCode: (op["x-aurous-validation-error-code"] as string | undefined) ?? null,
        parameters: [...params.values()],
        requestBody: body
          ? {
              required: body.required === true,
              content: Object.fromEntries(
                Object.entries(body.content as Record<string, Node>).map(([ct, m]) => [ct, m.schema as JsonSchema]),
              ),
            }
          : null,
        responses: Object.entries(op.responses as Node).map(([status, r]) => readResponse(doc, status, r)),
      });
    }
  }
  return out;
}

export function operationById(doc: OpenApiDocument, operationId: string): OperationInfo {
  const op = listOperations(doc).find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId} in the spec`);
  return op;
}
