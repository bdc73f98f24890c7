import { AurousError } from "../errors/base.js";
import { API_VERSION } from "../generated/meta.js";
import type { CoreOptions, ResponseValidators, VersionMismatch } from "./options.js";
import { TimeoutWindows } from "./timeout-windows.js";
import { createTransport, type Transport } from "./transport.js";

export interface ResolvedConfig {
  readonly version: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly validators: ResponseValidators | undefined;
  readonly onVersionMismatch: (mismatch: VersionMismatch) => void;
}

/** The state every operation function needs: the transport the SDK functions call and the resolved options. */
export interface AurousCore {
  /** Sends one request of a generated SDK function; only the five HTTP methods they call. */
  readonly http: Transport;
  readonly config: ResolvedConfig;
  /** The coalesced per-attempt timeouts of this client (see timeout-windows.ts). */
  readonly timeouts: TimeoutWindows;
}

function warnOncePerPair(): (mismatch: VersionMismatch) => void {
  const seen = new Set<string>();
  return ({ operation, requested, applied }) => {
    const key = `${requested}>${applied}`;
    if (seen.has(key)) return;
    seen.add(key);
    console.warn(`@aurous/client ${operation}: pinned Aurous-Version ${requested}, server applied ${applied}`);
  };
}

/**
 * Creates the tree-shakeable core that the operation functions (`getCharacter(core, id)`, …) take.
 * `new Aurous()` wraps one with the response validators switched on.
 */
export function createAurous(options: CoreOptions): AurousCore {
  if (!options.apiKey) throw new AurousError("apiKey is required");
  const http = createTransport({
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? "https://api.aurous-labs.com",
    fetch: options.fetch,
  });
  const backoff = options.retryBackoff ?? {};
  return {
    http,
    timeouts: new TimeoutWindows(),
    config: {
      version: options.version ?? API_VERSION,
      // No client-side timeout unless asked for: see ClientOptions.timeoutMs.
      timeoutMs: options.timeoutMs ?? 0,
      maxRetries: options.maxRetries ?? 2,
      initialDelayMs: backoff.initialDelayMs ?? 500,
      maxDelayMs: backoff.maxDelayMs ?? 8_000,
      maxRetryAfterMs: backoff.maxRetryAfterMs ?? 60_000,
      validators: options.validateResponses === false ? undefined : options.validators,
      onVersionMismatch: options.onVersionMismatch ?? warnOncePerPair(),
    },
  };
}
