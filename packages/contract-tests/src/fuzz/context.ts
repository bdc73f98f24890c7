// What a fuzz run needs to know about its target: the key to use, real resources of that key's
// team (so a body fault on a by-id operation is not masked by a 404), and the spec.
import type { OutgoingRequest } from "../http/exchange.js";
import type { OperationModel } from "../spec/operations.js";

export interface FuzzContext {
  apiKey: string;
  apiVersion: string;
  /** Characters of the key's team that exist (not deleted). */
  characterIds: string[];
  operations: OperationModel[];
  /** Upload tickets (PNG) of the key's team, for the signed-PUT cases; never consumed. */
  tickets?: Array<{ upload_id: string; upload_url: string }>;
  /** Mints a fresh PNG ticket (their URLs expire after 15 minutes of the server's time). */
  /** Mints a fresh upload ticket; a 429 is waited out with `onRateLimited` (or Retry-After). */
  mintTicket?: (
    onRateLimited?: (retryAfterSeconds: number) => Promise<void>,
  ) => Promise<{ upload_id: string; upload_url: string }>;
}

/** What the spec says must come back. `param: undefined` = not checked. */
export interface Expectation {
  status: number;
  codes: string[];
  param?: string | null | Array<string | null>;
  why: string;
}

export interface FuzzCase {
  operationId: string;
  kind: "valid" | "invalid";
  rule: string;
  request: OutgoingRequest;
  expect: Expectation;
  /** Signed-PUT cases: which ticket, and how to build the request from its (current) URL, so
   * an expired URL can be replaced by a fresh ticket's and the same fault applied again. */
  ticket?: { index: number; build: (uploadUrl: URL) => OutgoingRequest };
}

export function baseHeaders(ctx: FuzzContext, op: OperationModel, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { "X-Api-Key": ctx.apiKey, "Aurous-Version": ctx.apiVersion };
  if (json) headers["Content-Type"] = "application/json";
  if (op.idempotency?.honours_key) headers["Idempotency-Key"] = crypto.randomUUID();
  return headers;
}
