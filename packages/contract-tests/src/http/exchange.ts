// One HTTP round trip, captured whole (request as sent, status, headers, raw and parsed body), so
// checks and reports can quote exactly what happened.
export interface OutgoingRequest {
  method: string;
  /** Path plus query string, e.g. `/v1/characters?limit=5`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface Exchange {
  request: OutgoingRequest & { url: string };
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  bodyText: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
  durationMs: number;
}

export async function send(baseUrl: string, request: OutgoingRequest, timeoutMs = 30_000): Promise<Exchange> {
  const url = new URL(request.path, baseUrl).toString();
  const started = performance.now();
  const response = await fetch(url, {
    method: request.method,
    headers: request.headers,
    body: request.body as BodyInit | undefined,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "manual",
  });
  const bodyText = await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  let json: unknown;
  if (bodyText && /json/i.test(headers["content-type"] ?? "")) {
    try {
      json = JSON.parse(bodyText);
    } catch {
      json = undefined;
    }
  }
  return { request: { ...request, url }, status: response.status, headers, bodyText, json, durationMs: performance.now() - started };
}

/** The `error` object of an envelope, if the body is one. */
export function errorOf(exchange: Exchange): { code?: string; type?: string; param?: string | null; request_id?: string } | null {
  const body = exchange.json as { error?: Record<string, unknown> } | undefined;
  if (!body || typeof body !== "object" || !body.error || typeof body.error !== "object") return null;
  return body.error as { code?: string; type?: string; param?: string | null; request_id?: string };
}

export function describeExchange(x: Exchange): string {
  const err = errorOf(x);
  const what = err ? `${x.status} ${err.code ?? "?"}${err.param ? ` (param ${err.param})` : ""}` : String(x.status);
  return `${x.request.method} ${x.request.path} → ${what}`;
}
