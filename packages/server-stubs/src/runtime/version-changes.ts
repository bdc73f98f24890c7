// Version-change modules (Stripe's approach): handlers are written against the newest release; each
// change knows how to upgrade a request from the version before it and how to downgrade a response
// to that version. For a caller pinned at P, every change introduced after P applies: request
// upgrades oldest first, response (and error) downgrades newest first.
import type { IncomingHttpHeaders } from "node:http";
import type { VersionedOperationId } from "../contract/types.js";
import { ApiFailure, type ErrorEnvelope } from "./errors.js";

export type ErrorBody = ErrorEnvelope["error"];

// Bodies are `unknown` on purpose: only the newest change sees the generated (newest) types; every
// older change sees whatever the changes after it produced, and requests are not validated yet.

export interface VersionRequestContext {
  readonly operationId: VersionedOperationId;
  /** The version the caller is pinned to (after resolution). */
  readonly version: string;
  /** The JSON body in the shape of the version before this change (not validated yet), or undefined. */
  body: unknown;
  /** The query parameters, still strings (not validated yet). */
  query: Record<string, unknown>;
  readonly headers: Readonly<IncomingHttpHeaders>;
}

/** What a request upgrade may return instead of mutating its context. */
export interface VersionRequestUpgrade {
  body?: unknown;
  query?: Record<string, unknown>;
}

export interface VersionResponseContext {
  readonly operationId: VersionedOperationId;
  readonly version: string;
  readonly status: number;
  /** The 2xx body in the shape of this change's version: a fresh JSON copy, safe to mutate. */
  body: unknown;
}

export interface VersionErrorContext {
  readonly operationId: VersionedOperationId;
  readonly version: string;
  readonly status: number;
  /** The envelope's `error` object (a copy, safe to mutate). */
  error: ErrorBody;
}

export interface VersionChange {
  /** The release that introduced the change (must be in the spec's `x-aurous-versions`). */
  version: string;
  description: string;
  /** The operations it touches; default all API operations. */
  operations?: readonly VersionedOperationId[];
  /** Request of the version before `version` → request of `version`. Mutate `ctx` or return replacements. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a module may mutate ctx and return nothing.
  request?(ctx: VersionRequestContext): void | VersionRequestUpgrade;
  /** 2xx body of `version` → body of the version before it. Return the new body, or nothing to keep `ctx.body`. */
  response?(ctx: VersionResponseContext): unknown;
  /** Error envelopes pass through untouched unless a change downgrades them (e.g. renames `param`). */
  // biome-ignore lint/suspicious/noConfusingVoidType: a module may leave the envelope as it is.
  error?(ctx: VersionErrorContext): void | ErrorBody;
}

/** A change's hook threw something other than ApiFailure (answered 500, reported). */
export class VersionChangeError extends Error {
  constructor(
    readonly change: VersionChange,
    readonly phase: "request" | "response" | "error",
    readonly operationId: string,
    cause: unknown,
  ) {
    super(`version change ${change.version} (${change.description}) threw in its ${phase} hook on ${operationId}`, {
      cause,
    });
    this.name = "VersionChangeError";
  }
}

export interface RequestInput {
  body: unknown;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

export type UpgradeOutcome =
  | { ok: true; body: unknown; query: Record<string, unknown> }
  /** A change refused the request (threw ApiFailure). Its error is in the terms of the request it
   *  saw, so only the error downgrades of the changes applied before it undo it. */
  | { ok: false; error: ApiFailure; refusedBy: VersionChange };

export interface OutgoingLike {
  status: number;
  body: unknown;
}

/** The changes between one pinned version and the newest release, for one operation. */
export interface VersionPlan {
  upgrade(input: RequestInput): UpgradeOutcome;
  /** Throws VersionChangeError when a hook fails (any throw: a response cannot be refused any more). */
  downgrade<T extends OutgoingLike>(out: T, refusedBy?: VersionChange): T;
}

export interface VersionChanges {
  /** Null when nothing applies (always for the newest release): the fast path. */
  plan(operationId: string, version: string): VersionPlan | null;
}

function checkChanges(
  changes: readonly VersionChange[],
  released: readonly string[],
  operationIds: ReadonlySet<string>,
): void {
  const first = [...released].sort()[0];
  for (const [i, change] of changes.entries()) {
    const described = typeof change?.description === "string" && change.description.trim() !== "";
    const label = `versionChanges[${i}]${described ? ` (${change.description})` : ""}`;
    if (!described) throw new Error(`${label}: needs a description`);
    if (!released.includes(change.version)) {
      throw new Error(
        `${label}: version ${JSON.stringify(change.version)} is not a released version (x-aurous-versions: ${released.join(", ")})`,
      );
    }
    if (change.version === first) {
      throw new Error(`${label}: ${first} is the first release; there is no older version to transform to`);
    }
    for (const op of change.operations ?? []) {
      if (!operationIds.has(op)) throw new Error(`${label}: unknown API operation ${JSON.stringify(op)}`);
    }
    for (const hook of ["request", "response", "error"] as const) {
      if (change[hook] !== undefined && typeof change[hook] !== "function")
        throw new Error(`${label}: ${hook} must be a function`);
    }
  }
}

/** Runs a hook; only a request upgrade may refuse with ApiFailure, anything else is a bug. */
function call<R>(change: VersionChange, phase: VersionChangeError["phase"], operationId: string, run: () => R): R {
  try {
    return run();
  } catch (error) {
    throw phase === "request" && error instanceof ApiFailure
      ? error
      : new VersionChangeError(change, phase, operationId, error);
  }
}

function buildPlan(operationId: VersionedOperationId, version: string, applicable: VersionChange[]): VersionPlan {
  const upgrades = applicable.filter((c) => c.request);
  const downgrades = applicable.filter((c) => c.response).reverse();
  const errorDowngrades = (upTo = applicable.length) =>
    applicable
      .slice(0, upTo)
      .filter((c) => c.error)
      .reverse();
  const allErrorDowngrades = errorDowngrades();

  return {
    upgrade(input) {
      const ctx: VersionRequestContext = {
        operationId,
        version,
        body: input.body,
        query: input.query,
        headers: input.headers,
      };
      for (const change of upgrades) {
        try {
          const out = call(change, "request", operationId, () => change.request!(ctx));
          if (out && Object.hasOwn(out, "body")) ctx.body = out.body;
          if (out?.query) ctx.query = out.query;
        } catch (error) {
          if (error instanceof ApiFailure) return { ok: false, error, refusedBy: change };
          throw error;
        }
      }
      return { ok: true, body: ctx.body, query: ctx.query };
    },

    downgrade(out, refusedBy) {
      if (out.status >= 300) {
        const hooks = refusedBy ? errorDowngrades(Math.max(0, applicable.indexOf(refusedBy))) : allErrorDowngrades;
        if (hooks.length === 0 || !out.body || typeof out.body !== "object") return out;
        let error: ErrorBody = { ...(out.body as ErrorEnvelope).error };
        for (const change of hooks) {
          const ctx: VersionErrorContext = { operationId, version, status: out.status, error };
          error = call(change, "error", operationId, () => change.error!(ctx)) ?? ctx.error;
        }
        return { ...out, body: { error } };
      }
      if (downgrades.length === 0 || out.body === undefined) return out;
      // A copy: handlers may return objects they keep (a cache, a store), and the idempotency store
      // keeps the newest-shape body for replays to other pins.
      let body: unknown = JSON.parse(JSON.stringify(out.body));
      for (const change of downgrades) {
        const ctx: VersionResponseContext = { operationId, version, status: out.status, body };
        const next = call(change, "response", operationId, () => change.response!(ctx));
        body = next === undefined ? ctx.body : next;
      }
      return { ...out, body };
    },
  };
}

/**
 * Validates `changes` against the released versions and the operations (throws a descriptive
 * Error at startup) and precomputes one plan per operation and released version.
 */
export function compileVersionChanges(
  changes: readonly VersionChange[],
  released: readonly string[],
  operationIds: readonly VersionedOperationId[],
): VersionChanges {
  checkChanges(changes, released, new Set(operationIds));
  // Stable sort: changes of the same release keep their declared order.
  const ordered = [...changes].sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  const plans = new Map<string, Map<string, VersionPlan>>();
  for (const op of operationIds) {
    const byVersion = new Map<string, VersionPlan>();
    for (const version of released) {
      const applicable = ordered.filter((c) => c.version > version && (!c.operations || c.operations.includes(op)));
      if (applicable.length) byVersion.set(version, buildPlan(op, version, applicable));
    }
    if (byVersion.size) plans.set(op, byVersion);
  }
  return { plan: (operationId, version) => plans.get(operationId)?.get(version) ?? null };
}
