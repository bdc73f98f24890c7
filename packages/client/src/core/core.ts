import { AurousError } from "../errors/base.js";
import { API_VERSION } from "../generated/meta.js";
import { defaultUserAgent, readEnv } from "./env.js";
import { ClientEmitter, type ClientEventListener, type ClientEventName, type ClientHooks } from "./events.js";
import { type LevelLogger, type Logger, levelLogger, resolveLogLevel } from "./log.js";
import { attachLogging } from "./logging.js";
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
  readonly baseUrl: string;
}

/** The state every operation function needs: the transport the SDK functions call and the resolved options. */
export interface AurousCore {
  /** Sends one request of a generated SDK function; only the five HTTP methods they call. */
  readonly http: Transport;
  readonly config: ResolvedConfig;
  /** The coalesced per-attempt timeouts of this client (see timeout-windows.ts). */
  readonly timeouts: TimeoutWindows;
  /** The client's logger, filtered to its `logLevel`. */
  readonly log: LevelLogger;
  /** The `request`/`response`/`retry`/`error` listeners (`hooks`, `on`, and the logger's own). */
  readonly events: ClientEmitter;
}

export const DEFAULT_BASE_URL = "https://api.aurous-labs.com";

// Headers the client sets itself; a client-wide value would be wrong (one Idempotency-Key for every
// call would make distinct creates replay each other) or is an option already.
function checkDefaultHeaders(headers: Record<string, string> = {}) {
  for (const name in headers) {
    if (/^(x-api-key|idempotency-key|aurous-version)$/i.test(name)) {
      throw new AurousError(`defaultHeaders cannot set ${name}: use the apiKey, idempotencyKey or version option`);
    }
  }
}

function warnOncePerPair(log: Logger): (mismatch: VersionMismatch) => void {
  const seen = new Set<string>();
  return ({ operation, requested, applied }) => {
    const key = `${requested}>${applied}`;
    if (seen.has(key)) return;
    seen.add(key);
    log.warn(`@aurous/client ${operation}: pinned Aurous-Version ${requested}, server applied ${applied}`);
  };
}

/**
 * Creates the tree-shakeable core that the operation functions (`getCharacter(core, id)`, …) take.
 * `new Aurous()` wraps one with the response validators switched on.
 */
export function createAurous(options: CoreOptions = {}): AurousCore {
  const apiKey = options.apiKey ?? readEnv("AUROUS_API_KEY");
  if (!apiKey) {
    throw new AurousError("no API key: pass { apiKey } or set the AUROUS_API_KEY environment variable");
  }
  checkDefaultHeaders(options.defaultHeaders);
  const logger = options.logger ?? console;
  const log = levelLogger(logger, resolveLogLevel(options.logLevel, readEnv("AUROUS_LOG"), logger));
  const baseUrl = options.baseUrl ?? readEnv("AUROUS_BASE_URL") ?? DEFAULT_BASE_URL;
  const http = createTransport({
    apiKey,
    baseUrl,
    fetch: options.fetch,
    apiHeaders: options.defaultHeaders,
    userAgent: defaultUserAgent(),
  });
  const events = new ClientEmitter((error, event) => log.error(`@aurous/client: a "${event}" listener threw`, error));
  attachHooks(events, options.hooks);
  attachLogging(events, log);
  const backoff = options.retryBackoff ?? {};
  return {
    http,
    timeouts: new TimeoutWindows(),
    log,
    events,
    config: {
      version: options.version ?? API_VERSION,
      // No client-side timeout unless asked for: see ClientOptions.timeoutMs.
      timeoutMs: options.timeoutMs ?? 0,
      maxRetries: options.maxRetries ?? 2,
      initialDelayMs: backoff.initialDelayMs ?? 500,
      maxDelayMs: backoff.maxDelayMs ?? 8_000,
      maxRetryAfterMs: backoff.maxRetryAfterMs ?? 60_000,
      validators: options.validateResponses === false ? undefined : options.validators,
      onVersionMismatch: options.onVersionMismatch ?? warnOncePerPair(log),
      baseUrl,
    },
  };
}

function attachHooks(events: ClientEmitter, hooks: ClientHooks = {}) {
  for (const event of ["request", "response", "retry", "error"] as const) {
    const listener = hooks[`on${event[0]!.toUpperCase()}${event.slice(1)}` as keyof ClientHooks];
    if (listener) events.on(event, listener as ClientEventListener<typeof event>);
  }
}

/**
 * Listens to the `request`, `response`, `retry` or `error` event of every call made with this core
 * (or `Aurous` client); returns the function that stops listening.
 */
export function onClientEvent<E extends ClientEventName>(
  client: AurousCore | { readonly core: AurousCore },
  event: E,
  listener: ClientEventListener<E>,
): () => void {
  return ("core" in client ? client.core : client).events.on(event, listener);
}
