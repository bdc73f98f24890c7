// Turns a handler's result (or a thrown ApiFailure) into the response that is sent, checking it
// against the operation's documented responses when response validation is on.
import type { ValidateFunction } from "ajv";
import type { OperationMeta } from "../contract/meta.js";
import { prepareBytes } from "./binary-response.js";
import { envelope } from "./errors.js";
import type { SchemaCompiler } from "./schemas.js";

export interface OutgoingResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string | number> | undefined;
}

/** Why a response was replaced by 500 internal_error. */
export class OffSpecResponse extends Error {
  constructor(
    readonly operationId: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${operationId} answered off-spec (${status}): ${detail}`);
    this.name = "OffSpecResponse";
  }
}

export type ResponseValidators = Map<string, ValidateFunction | null>;

export function compileResponseValidators(meta: OperationMeta, compiler: SchemaCompiler): ResponseValidators {
  const out: ResponseValidators = new Map();
  for (const [status, r] of Object.entries(meta.responses))
    out.set(status, r.schema ? compiler.strict(r.schema) : null);
  return out;
}

interface ResultLike {
  status: number;
  body?: unknown;
  headers?: Record<string, string | number> | undefined;
  error?: { code: string; message: string; param?: string | null | undefined };
}

/**
 * Builds the outgoing response. With `validators`, an undocumented status, an undocumented code or
 * a body that does not match the schema throws OffSpecResponse (the caller answers 500); so does a
 * raw-byte success whose body is not bytes or whose Content-Type is not one documented.
 */
export function buildResponse(
  meta: OperationMeta,
  result: ResultLike,
  requestId: string,
  validators: ResponseValidators | null,
): OutgoingResponse {
  const status = result.status;
  const key = String(status);
  const documented = meta.responses[key];
  let body: unknown;
  let headers = result.error ? undefined : result.headers;
  if (result.error) {
    body = envelope(status, result.error, requestId);
    if (validators) {
      if (documented?.kind !== "error") throw new OffSpecResponse(meta.operationId, status, "status not documented");
      if (!documented.codes.includes(result.error.code)) {
        throw new OffSpecResponse(meta.operationId, status, `code ${result.error.code} not documented for ${status}`);
      }
    }
  } else {
    body = result.body;
    if (validators && documented?.kind !== "success") {
      throw new OffSpecResponse(meta.operationId, status, "status not documented");
    }
    if (documented?.binary) {
      const bytes = prepareBytes(documented, body, headers);
      if (validators && bytes.problem) throw new OffSpecResponse(meta.operationId, status, bytes.problem);
      headers = bytes.headers;
    }
  }
  const validate = validators?.get(key);
  if (validate && !validate(body)) {
    const e = validate.errors?.[0];
    throw new OffSpecResponse(meta.operationId, status, `body ${e?.instancePath || "/"} ${e?.message ?? "invalid"}`);
  }
  return { status, body, headers };
}
