import type { AurousError } from "../errors/base.js";
import type { OperationId } from "../generated/meta.js";

/** Emitted just before each attempt is handed to fetch. */
export interface RequestEvent {
  operation: OperationId;
  method: string;
  url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** The request headers, with credentials redacted (`X-Api-Key: al_live_…abcd`). */
  headers: Record<string, string>;
}

/** Emitted for every response that arrived, success or error status, before it is mapped. */
export interface ResponseEvent {
  operation: OperationId;
  method: string | undefined;
  url: string | undefined;
  attempt: number;
  status: number;
  requestId: string | null;
  /** From the start of the attempt to the body read. */
  elapsedMs: number;
}

/** Emitted when an attempt failed and another one will be made after `delayMs`. */
export interface RetryEvent {
  operation: OperationId;
  method: string | undefined;
  url: string | undefined;
  /** The attempt that failed. */
  attempt: number;
  delayMs: number;
  /** Why: `HTTP 503 internal_error` for a documented error, else the error's message. */
  reason: string;
  /** The response status, when there was a response. */
  status: number | undefined;
  requestId: string | null;
  error: AurousError;
}

/** Emitted once when a call gives up and throws (after any retries). */
export interface ErrorEvent {
  operation: OperationId;
  method: string | undefined;
  url: string | undefined;
  attempt: number;
  /** Whether the error was of a retryable kind (the retries ran out), e.g. 5xx or a connection error. */
  retryable: boolean;
  requestId: string | null;
  /** Since the call started, retry delays included. */
  elapsedMs: number;
  error: AurousError;
}

export interface ClientEvents {
  request: RequestEvent;
  response: ResponseEvent;
  retry: RetryEvent;
  error: ErrorEvent;
}

export type ClientEventName = keyof ClientEvents;
export type ClientEventListener<E extends ClientEventName> = (event: ClientEvents[E]) => void;

/** `hooks` option: the same listeners as `on()`, given up front. */
export interface ClientHooks {
  onRequest?: ClientEventListener<"request">;
  onResponse?: ClientEventListener<"response">;
  onRetry?: ClientEventListener<"retry">;
  onError?: ClientEventListener<"error">;
}

type Lists = Record<ClientEventName, Array<(event: never) => void>>;

/**
 * Listener lists per event. `invoke` checks `has(name)` before building an event, so a client
 * nobody listens to pays nothing per call.
 */
export class ClientEmitter {
  readonly #lists: Lists = { request: [], response: [], retry: [], error: [] };
  readonly #onListenerError: (error: unknown, event: ClientEventName) => void;

  constructor(onListenerError: (error: unknown, event: ClientEventName) => void) {
    this.#onListenerError = onListenerError;
  }

  has(event: ClientEventName): boolean {
    return this.#lists[event].length > 0;
  }

  /** Adds a listener; returns the function that removes it. An unknown event name throws a TypeError. */
  on<E extends ClientEventName>(event: E, listener: ClientEventListener<E>): () => void {
    const lists = this.#lists;
    // Copied on every change, so that an emit in progress keeps the list it started with.
    lists[event] = [...lists[event], listener];
    return () => {
      lists[event] = lists[event].filter((l) => l !== listener);
    };
  }

  emit<E extends ClientEventName>(event: E, payload: ClientEvents[E]): void {
    for (const listener of this.#lists[event]) {
      // A broken listener must not fail the API call it observes; it is reported to the logger.
      try {
        listener(payload as never);
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
  }
}
