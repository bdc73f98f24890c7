// The one request builder every generated operation (src/generated/operations.gen.ts) shares: it
// turns an operation's metadata and one call's parts into the transport's request, so no operation
// needs code of its own.
import type { OperationMeta, Send } from "../core/invoke.js";

/** Raw bytes in any form a fetch body takes without streaming (so retries can resend it). */
export type BinaryBody = Blob | ArrayBuffer | ArrayBufferView;
/** The bytes of an image upload (`uploads.put`, `uploads.upload`). */
export type ImageBytes = BinaryBody;

/** What the request needs beyond OperationMeta: meta.ts has these for every operation. */
export interface RequestMeta extends OperationMeta {
  readonly method: string;
  readonly path: string;
  /** Sends the API key (credential `api-key`); a signed URL's own query is its only credential. */
  readonly authenticated: boolean;
  /** The success body is raw bytes (meta.ts sets it only then): read as a Blob, never parsed. */
  readonly binaryResponse?: boolean;
}

export interface RequestParts {
  path?: Record<string, string>;
  query?: object | undefined;
  /** A JSON body. */
  json?: unknown;
  /** A raw body, sent as is. */
  bytes?: BinaryBody;
  /** The body's media type (the spec's first); for bytes, a Blob's own type wins. */
  contentType?: string;
  /** A signed URL: sent as given, in place of the base URL, path and query. */
  url?: string;
}

/** The `send` of one call: one transport request per attempt, with that attempt's headers and signal. */
export function request(op: RequestMeta, parts: RequestParts): Send {
  const method = op.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
  const { bytes } = parts;
  const raw = bytes === undefined ? undefined : bytes instanceof Blob ? bytes : new Blob([bytes as ArrayBuffer]);
  const contentType = (bytes instanceof Blob && bytes.type) || parts.contentType;
  // The transport joins a base URL and a path, so an opaque signed URL is split at its origin.
  const signed = parts.url === undefined ? undefined : new URL(parts.url);
  return ({ client, headers, signal }) =>
    client[method]({
      ...(signed ? { baseUrl: signed.origin, url: signed.href.slice(signed.origin.length) } : { url: op.path }),
      path: parts.path,
      query: parts.query as Record<string, unknown> | undefined,
      body: raw ?? parts.json,
      bodySerializer: raw ? null : undefined,
      // Caller headers (e.g. a signed URL's upload_headers) override the default Content-Type.
      headers: contentType ? { "Content-Type": contentType, ...headers } : headers,
      authenticated: op.authenticated,
      blob: op.binaryResponse,
      signal,
    });
}
