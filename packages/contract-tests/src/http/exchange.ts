import { request as httpRequest } from "node:http";

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
  /** The raw body (binary media such as image/png are judged by these, not by `bodyText`). */
  bodyBytes?: Uint8Array;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
  durationMs: number;
}

/** A pooled keep-alive socket the server closed just as we reused it: nothing was processed. */
function isStaleSocket(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return (
    cause?.code === "UND_ERR_SOCKET" || cause?.code === "ECONNRESET" || /other side closed/.test(cause?.message ?? "")
  );
}

async function fetchOnce(url: string, request: OutgoingRequest, timeoutMs: number): Promise<Response> {
  return fetch(url, {
    method: request.method,
    headers: request.headers,
    body: request.body as BodyInit | undefined,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "manual",
  });
}

/**
 * node:http for large bodies. A server may refuse one from its Content-Length alone (413) and
 * close: if the body were already on its way, the unread bytes make the close a reset that
 * destroys the answer (fetch then reports a network error). So the headers go first, and the body
 * only if no answer came within a moment — a manual `Expect: 100-continue`.
 */
function sendLarge(url: string, request: OutgoingRequest, timeoutMs: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const headers = { ...request.headers, "Content-Length": String(request.body?.length ?? 0) };
    const req = httpRequest(url, { method: request.method, headers, timeout: timeoutMs, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
        resolve(
          new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 0, headers }),
        );
        req.destroy(); // answered before the body was sent: nothing more to write
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    // An early answer may close the socket mid-body: that error is expected, the answer counts.
    req.on("error", (error) => setTimeout(() => reject(error), 200));
    req.flushHeaders();
    setTimeout(() => {
      if (!answered) req.end(request.body);
    }, 500);
  });
}

const LARGE_BODY = 1024 * 1024;

export async function send(baseUrl: string, request: OutgoingRequest, timeoutMs = 30_000): Promise<Exchange> {
  const url = new URL(request.path, baseUrl).toString();
  const started = performance.now();
  let response: Response;
  if (request.body !== undefined && request.body.length > LARGE_BODY) {
    response = await sendLarge(url, request, timeoutMs).catch((error: unknown) => {
      throw describeFailure(error, request, url);
    });
    return finish(request, url, response, started);
  }
  try {
    response = await fetchOnce(url, request, timeoutMs);
  } catch (error) {
    // Node's fetch reuses idle sockets that Prism (keep-alive 5 s) may be closing: retry once.
    if (!isStaleSocket(error)) throw describeFailure(error, request, url);
    try {
      response = await fetchOnce(url, request, timeoutMs);
    } catch (again) {
      throw describeFailure(again, request, url);
    }
  }
  return finish(request, url, response, started);
}

async function finish(request: OutgoingRequest, url: string, response: Response, started: number): Promise<Exchange> {
  const bodyBytes = new Uint8Array(await response.arrayBuffer());
  const bodyText = new TextDecoder().decode(bodyBytes);
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
  return {
    request: { ...request, url },
    status: response.status,
    headers,
    bodyText,
    bodyBytes,
    json,
    durationMs: performance.now() - started,
  };
}

function describeFailure(error: unknown, request: OutgoingRequest, url: string): Error {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new Error(
    `${request.method} ${url} failed: ${(error as Error).message}${cause ? ` (${cause.code ?? ""} ${cause.message ?? ""})` : ""}`,
    { cause: error },
  );
}

/** The `error` object of an envelope, if the body is one. */
export function errorOf(
  exchange: Exchange,
): { code?: string; type?: string; param?: string | null; request_id?: string } | null {
  const body = exchange.json as { error?: Record<string, unknown> } | undefined;
  if (!body || typeof body !== "object" || !body.error || typeof body.error !== "object") return null;
  return body.error as { code?: string; type?: string; param?: string | null; request_id?: string };
}

export function describeExchange(x: Exchange): string {
  const err = errorOf(x);
  const what = err ? `${x.status} ${err.code ?? "?"}${err.param ? ` (param ${err.param})` : ""}` : String(x.status);
  return `${x.request.method} ${x.request.path} → ${what}`;
}
