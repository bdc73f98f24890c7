// Raw-byte responses: a success whose documented media are all `format: binary` (an image) is sent
// as the handler's bytes with the Content-Type it names, never through a JSON serializer. Which
// responses those are comes from the metadata (ResponseMeta.binary), never from an operation's name.
import type { ResponseMeta } from "../contract/meta.js";

type Headers = Record<string, string | number>;

/** "image/png; q=1" → "image/png". */
const mediaType = (value: string | number) => String(value).split(";")[0]!.trim().toLowerCase();

export interface PreparedBytes {
  /** The handler's headers, with Content-Type under its canonical name (defaulted when only one is documented). */
  headers: Headers;
  /** Why the answer is off-spec (not bytes, an undocumented or missing Content-Type); null when it is not. */
  problem: string | null;
}

export function prepareBytes(response: ResponseMeta, body: unknown, given: Headers | undefined): PreparedBytes {
  const headers: Headers = {};
  let contentType: string | number | undefined;
  for (const [name, value] of Object.entries(given ?? {})) {
    if (name.toLowerCase() === "content-type") contentType = value;
    else headers[name] = value;
  }
  // One documented medium needs no naming; among several, the handler must say which it sends.
  if (contentType === undefined && response.contentTypes.length === 1) contentType = response.contentTypes[0];
  if (contentType !== undefined) headers["Content-Type"] = contentType;
  const documented = response.contentTypes.map(mediaType);
  let problem: string | null = null;
  if (!(body instanceof Uint8Array)) problem = `body is not bytes (${body === null ? "null" : typeof body})`;
  else if (contentType === undefined) problem = `no Content-Type (one of ${documented.join(", ")})`;
  else if (!documented.includes(mediaType(contentType)))
    problem = `Content-Type ${String(contentType)} is not documented (${documented.join(", ")})`;
  return { headers, problem };
}
