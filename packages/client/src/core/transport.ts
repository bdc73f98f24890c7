import type { SendOutcome } from "./invoke.js";

/** One request, as the generated operations build it (src/operations/request.ts). */
export interface SdkRequest {
  url: string;
  baseUrl?: string;
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  bodySerializer?: ((body: unknown) => unknown) | null;
  headers?: Record<string, string | undefined>;
  /** Sends the API key and the default headers (API-key operations; never a signed URL). */
  authenticated?: boolean;
  /**
   * Reads a success body as a Blob (the operation's success media are all binary); errors stay JSON.
   * A Blob rather than bytes: it keeps the media type (`blob.type`), exists wherever fetch does
   * (browsers, Deno, Workers, Node), and converts on demand (`arrayBuffer()`, `stream()`).
   */
  blob?: boolean | undefined;
  signal?: AbortSignal;
}

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch | undefined;
  /** Sent with every request secured by the API key, unless the request names the header itself. */
  apiHeaders?: Record<string, string> | undefined;
  /** Sent with every request (the storage PUT too) unless the request names it; none in browsers. */
  userAgent?: string | undefined;
}

/** Told of each request just before it goes to fetch (see `Transport.observed`). */
export type RequestObserver = (method: string, url: string, headers: Readonly<Record<string, string>>) => void;

/** What a transport call resolves to: the SDK's `{ data, error, response }` plus what was sent. */
export interface TransportOutcome {
  data?: unknown;
  error?: unknown;
  response?: Response | undefined;
  request: { method: string; url: string };
}

const encode = (value: unknown) => encodeURIComponent(String(value));

/** A path template split at its `{name}` placeholders: literals at even indexes, names at odd ones. */
const templates = new Map<string, readonly string[]>();
function templateOf(path: string): readonly string[] {
  // Only the spec's path templates are cached: they are few. A path without placeholders (the
  // signed upload URL's, unique per upload) is its own template.
  // Stryker disable next-line ConditionalExpression,StringLiteral: splitting a path without placeholders gives [path] too; only the caching differs
  if (!path.includes("{")) return [path];
  let parts = templates.get(path);
  // Stryker disable next-line ConditionalExpression: splitting again each time only bypasses the cache
  if (!parts) templates.set(path, (parts = path.split(/\{(\w+)\}/)));
  return parts;
}

function buildUrl(base: string, request: SdkRequest): string {
  const parts = templateOf(request.url);
  let url = base + parts[0];
  // Stryker disable next-line OptionalChaining: every operation with placeholders passes `path` (src/generated/)
  for (let i = 1; i < parts.length; i += 2) url += encode(request.path?.[parts[i]!]) + parts[i + 1];
  if (!request.query) return url;
  const query: string[] = [];
  for (const [key, value] of Object.entries(request.query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.push(`${encode(key)}=${encode(item)}`);
  }
  if (query.length) url += `${url.includes("?") ? "&" : "?"}${query.join("&")}`;
  return url;
}

/**
 * The transport behind the generated operations. hey-api's generated fetch client builds a
 * `Request` per call, which fetch then clones, and merges `Headers` objects twice; measured on
 * Node 20 that cost about a fifth of a local round trip (see README, Performance). This one hands
 * fetch a URL and a plain init instead, and answers in a `{ data, error, response }` shape.
 */
/** The five request methods the generated operations call, nothing more. */
export type Transport = Record<
  "get" | "post" | "put" | "patch" | "delete",
  (request: SdkRequest) => Promise<SendOutcome>
> & {
  /** The same transport, calling `observer` before each fetch (used for the `request` event). */
  observed(observer: RequestObserver): Transport;
};

type Defaults = Array<[name: string, value: string]>;

/** Adds the defaults whose names (case-insensitively) the request does not set itself. */
function addDefaults(headers: Record<string, string>, defaults: Defaults) {
  for (const [name, value] of defaults) {
    const lower = name.toLowerCase();
    if (!Object.keys(headers).some((own) => own.toLowerCase() === lower)) headers[name] = value;
  }
}

export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, "");
  // A User-Agent among the caller's default headers replaces the client's, for the storage PUT too.
  const apiDefaults: Defaults = Object.entries(options.apiHeaders ?? {});
  const storageDefaults = apiDefaults.filter(([name]) => /^user-agent$/i.test(name));
  if (!storageDefaults.length && options.userAgent)
    apiDefaults.push((storageDefaults[0] = ["User-Agent", options.userAgent]));
  const send = async (method: string, request: SdkRequest, observer?: RequestObserver): Promise<TransportOutcome> => {
    const hasBody = request.body !== undefined;
    const headers: Record<string, string> = {};
    for (const name in request.headers) {
      const value = request.headers[name];
      // A body-less request sends no Content-Type (one is set for every operation with a body).
      if (value !== undefined && (hasBody || name !== "Content-Type")) headers[name] = value;
    }
    // Only API-key operations carry the key and the default headers; a signed URL never does.
    const secured = request.authenticated === true;
    addDefaults(headers, secured ? apiDefaults : storageDefaults);
    if (secured) headers["X-Api-Key"] = options.apiKey;
    const body = hasBody
      ? ((request.bodySerializer === null ? request.body : JSON.stringify(request.body)) as BodyInit)
      : undefined;
    const url = buildUrl(request.baseUrl ?? base, request);
    const sent = { method, url };
    let response: Response | undefined;
    observer?.(method, url, headers);
    try {
      response = await (options.fetch ?? globalThis.fetch)(url, {
        method,
        headers,
        body,
        signal: request.signal ?? null,
      });
      if (response.ok && request.blob) return { data: await response.blob(), response, request: sent };
      const text = await response.text();
      if (response.ok) return { data: text ? JSON.parse(text) : undefined, response, request: sent };
      let error: unknown = text;
      try {
        error = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { error, response, request: sent };
    } catch (error) {
      // fetch failed (no response), the body broke off, or a 2xx body was not JSON (SyntaxError).
      return { error, response, request: sent };
    }
  };
  const methods = (observer?: RequestObserver): Transport => {
    const method = (name: string) => (request: SdkRequest) => send(name, request, observer);
    return {
      get: method("GET"),
      post: method("POST"),
      put: method("PUT"),
      patch: method("PATCH"),
      delete: method("DELETE"),
      observed: methods,
    };
  };
  return methods();
}
