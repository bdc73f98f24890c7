// Idempotency-Key handling: a key is scoped to its team; its fingerprint binds it to one operation,
// one set of path parameters and one body (compared as RFC 8785 canonical JSON).
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { OperationMeta } from "../contract/meta.js";
import type { IdempotencyStore, StoredResponse } from "../stores/types.js";
import { RuntimeReject } from "./errors.js";

export function fingerprint(operationId: string, params: Record<string, unknown>, body: unknown): string {
  const canonical = canonicalize({ operation: operationId, params, body: body ?? null }) ?? "";
  return createHash("sha256").update(canonical).digest("hex");
}

export interface IdempotencyOptions {
  /** How long a completed answer is replayed; default: the op's window_hours (24 h). */
  windowMs?: number;
  /** How long an unfinished request holds its key (guards against crashed requests); default 5 min. */
  lockMs?: number;
}

export type IdempotencyOutcome =
  | { kind: "claimed"; storeKey: string; fingerprint: string; claimedAt: number }
  | { kind: "replay"; response: StoredResponse };

const conflict = (message: string) => new RuntimeReject(409, "idempotency_key_in_use", message, "Idempotency-Key");

/** Claims the key, or returns the answer to replay, or throws 409 idempotency_key_in_use. */
export async function claimKey(
  store: IdempotencyStore,
  meta: OperationMeta,
  teamId: string,
  key: string,
  fp: string,
  nowMs: number,
  options: IdempotencyOptions,
): Promise<IdempotencyOutcome> {
  const storeKey = `${teamId}:${key}`;
  const lockMs = options.lockMs ?? 5 * 60_000;
  const claim = await store.claim(storeKey, fp, nowMs + Math.min(lockMs, windowMs(meta, options)), nowMs);
  if (claim.claimed) return { kind: "claimed", storeKey, fingerprint: fp, claimedAt: nowMs };
  const { record } = claim;
  if (record.fingerprint !== fp) {
    throw conflict("This Idempotency-Key was already used with a different request body or on another route; use a new key.");
  }
  if (record.state !== "completed" || !record.response) {
    throw conflict("The first request with this Idempotency-Key is still running; retry later to get its result.");
  }
  return { kind: "replay", response: record.response };
}

export function windowMs(meta: OperationMeta, options: IdempotencyOptions): number {
  return options.windowMs ?? (meta.idempotency.window_hours ?? 24) * 3_600_000;
}
