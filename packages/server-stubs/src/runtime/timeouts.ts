// How long a client may take to send its request. fastify leaves Node's request timeout off, so a
// body trickling in a byte every few seconds would hold its socket (and a file descriptor) forever.
export interface ServerTimeouts {
  /** Time to receive the request line and headers (ms). Default 10 s. */
  headersMs?: number;
  /** Time to receive the whole request, headers and body (ms); covers a 10 MiB upload. Default 60 s. */
  requestMs?: number;
}

export interface ResolvedTimeouts {
  headersMs: number;
  requestMs: number;
  /** How often Node looks for requests past their deadline (it checks on an interval, not per socket). */
  checkEveryMs: number;
}

export const DEFAULT_TIMEOUTS = { headersMs: 10_000, requestMs: 60_000 } as const;

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`createAurousServer: timeouts.${name} must be a positive number of ms; got ${value}`);
  return value;
}

export function resolveTimeouts(options: ServerTimeouts = {}): ResolvedTimeouts {
  const requestMs = positive("requestMs", options.requestMs ?? DEFAULT_TIMEOUTS.requestMs);
  // Node refuses a headers timeout longer than the request timeout.
  const headersMs = Math.min(positive("headersMs", options.headersMs ?? DEFAULT_TIMEOUTS.headersMs), requestMs);
  // A deadline is enforced up to one interval late: a quarter of the shortest, within [25 ms, 1 s].
  const checkEveryMs = Math.max(25, Math.min(1_000, Math.floor(headersMs / 4)));
  return { headersMs, requestMs, checkEveryMs };
}
