// Idempotency-Key handling: a key is scoped to its team; its fingerprint binds it to one operation,
// one set of path parameters and one body (compared as RFC 8785 canonical JSON).
import { createHash, randomBytes } from "node:crypto";
import canonicalize from "canonicalize";
import type { OperationMeta } from "../contract/meta.js";
import type { IdempotencyStore, StoredResponse } from "../stores/types.js";
import { RuntimeReject } from "./errors.js";
import type { IdempotencyOutbox } from "./idempotency-outbox.js";
import { bounded } from "./store-calls.js";

export function fingerprint(operationId: string, params: Record<string, unknown>, body: unknown): string {
  // Stryker disable next-line StringLiteral: canonicalize returns a string for any object literal (undefined only for undefined, functions, symbols)
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
  | { kind: "claimed"; storeKey: string; fingerprint: string; owner: string; claimedAt: number; lockExpiresAt: number }
  | { kind: "replay"; response: StoredResponse };

// Retry-After only on the conflict that can resolve itself (the first request still running), so a
// client retries that one and gives up at once on a key reused with another body.
const conflict = (message: string, retryAfterSeconds?: number) =>
  new RuntimeReject(
    409,
    "idempotency_key_in_use",
    message,
    "Idempotency-Key",
    retryAfterSeconds ? { "Retry-After": retryAfterSeconds } : undefined,
  );
const DIFFERENT =
  "This Idempotency-Key was already used with a different request body or on another route; use a new key.";

export interface ClaimContext {
  store: IdempotencyStore;
  outbox: IdempotencyOutbox;
  timeoutMs: number;
  options: IdempotencyOptions;
}

/**
 * Claims the key, or returns the answer to replay, or throws 409 idempotency_key_in_use; a store
 * that fails or does not answer in time throws StoreFailure (nothing ran, and the claim, if it
 * landed after all, is released through the outbox).
 */
export async function claimKey(
  ctx: ClaimContext,
  meta: OperationMeta,
  teamId: string,
  key: string,
  fp: string,
  nowMs: number,
): Promise<IdempotencyOutcome> {
  const storeKey = `${teamId}:${key}`;
  // An answer this process could not store yet is still the answer.
  const waiting = ctx.outbox.answer(storeKey);
  if (waiting) {
    if (waiting.fingerprint !== fp) throw conflict(DIFFERENT);
    return { kind: "replay", response: waiting.response };
  }
  await ctx.outbox.settle(storeKey);
  const lockMs = ctx.options.lockMs ?? 5 * 60_000;
  const lockExpiresAt = nowMs + Math.min(lockMs, windowMs(meta, ctx.options));
  const owner = randomBytes(12).toString("base64url");
  let claim: Awaited<ReturnType<typeof ctx.store.claim>>;
  try {
    claim = await bounded(
      () => ctx.store.claim(storeKey, fp, owner, lockExpiresAt, nowMs),
      "idempotency.claim",
      ctx.timeoutMs,
    );
  } catch (error) {
    // The claim may still land (a late reply, a command re-sent after a reconnect): undo it.
    ctx.outbox.add(storeKey, { kind: "release", fingerprint: fp, owner, expiresAtMs: lockExpiresAt });
    throw error;
  }
  if (claim.claimed) return { kind: "claimed", storeKey, fingerprint: fp, owner, claimedAt: nowMs, lockExpiresAt };
  const { record } = claim;
  if (record.fingerprint !== fp) throw conflict(DIFFERENT);
  if (record.state !== "completed" || !record.response) {
    throw conflict("The first request with this Idempotency-Key is still running; retry later to get its result.", 1);
  }
  return { kind: "replay", response: record.response };
}

export function windowMs(meta: OperationMeta, options: IdempotencyOptions): number {
  return options.windowMs ?? (meta.idempotency.window_hours ?? 24) * 3_600_000;
}
