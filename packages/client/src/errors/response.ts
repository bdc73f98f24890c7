import type { OperationId } from "../generated/meta.js";
import { AurousError, hideResponse } from "./base.js";

interface ResponseErrorInit {
  operation: OperationId;
  response: Response;
  body: unknown;
}

/**
 * The server answered with something the contract does not document for the operation: a status
 * it does not list, or an `error.code` outside the set documented for that status, or a body that
 * is not the documented JSON envelope. Statuses >= 500 and 429 among them are still retried.
 */
export class AurousUndocumentedResponseError extends AurousError {
  override name = "AurousUndocumentedResponseError";
  declare readonly operation: OperationId;
  declare readonly status: number;
  declare readonly body: unknown;
  declare readonly requestId: string | null;
  /** The raw response (body already read); not enumerable, so logs and JSON leave it out. */
  declare readonly response: Response;

  constructor(init: ResponseErrorInit & { reason: string }) {
    super(`${init.operation}: ${init.reason} (HTTP ${init.response.status})`);
    this.operation = init.operation;
    this.status = init.response.status;
    this.body = init.body;
    this.requestId = init.response.headers.get("aurous-request-id");
    hideResponse(this, init.response);
  }
}

export interface ValidationIssue {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

/** Renders an issue path the way it would be written in code: `data[0].refs[1].url`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    out += typeof key === "number" ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/** A documented response whose body breaks the schema the contract gives it (`validateResponses`). */
export class AurousResponseValidationError extends AurousError {
  override name = "AurousResponseValidationError";
  declare readonly operation: OperationId;
  declare readonly status: number;
  /** Path of the first offending field, e.g. `refs[0].url`. */
  declare readonly path: string;
  declare readonly issues: ReadonlyArray<ValidationIssue>;
  declare readonly body: unknown;
  declare readonly requestId: string | null;
  /** The raw response (body already read); not enumerable, so logs and JSON leave it out. */
  declare readonly response: Response;

  constructor(init: ResponseErrorInit & { issues: ReadonlyArray<ValidationIssue> }) {
    const first = init.issues[0];
    const path = formatPath(first?.path ?? []);
    super(
      `${init.operation}: the ${init.response.status} response breaks the contract at ${path}: ${first?.message ?? "invalid"}`,
    );
    this.operation = init.operation;
    this.status = init.response.status;
    this.path = path;
    this.issues = init.issues;
    this.body = init.body;
    this.requestId = init.response.headers.get("aurous-request-id");
    hideResponse(this, init.response);
  }
}
