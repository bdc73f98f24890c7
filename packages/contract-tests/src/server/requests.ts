// Requests built from the spec: method, path (every path parameter filled), headers and a valid
// body or query taken from the spec's own examples. Generic scenarios and the fault injection
// call `specRequest` for any operation; the stateful scenarios use the named `req` shorthands,
// which are the same builder over the bundled spec's operations.

import { bodyExample, parameterExample, schemaExample } from "../../../../scripts/codegen/example-request.mjs";
import type { OutgoingRequest } from "../http/exchange.js";
import { loadSpec } from "../spec/bundle.js";
import { listOperations, specModel } from "../spec/operations.js";
import type { OpenApiDocument, OperationModel } from "../spec/types.js";

// The spec's example ids: well-formed, and issued to nobody on a server under test.
let bundled: OpenApiDocument | undefined;
/** The bundled spec, read once for this module's constants and shorthands. */
const bundledDoc = () => (bundled ??= loadSpec());
export const UNKNOWN_CHARACTER = String(schemaExample(bundledDoc(), "CharacterId"));
export const UNKNOWN_UPLOAD = String(schemaExample(bundledDoc(), "UploadId"));
/** Well-formed (al_live_ + 64 hex) but issued to nobody. */
export const UNKNOWN_KEY = `al_live_${"0123456789abcdef".repeat(4)}`;

export interface Auth {
  key: string | null;
  version?: string;
  idempotencyKey?: string;
}

/** Path parameter values by name: a run's state (`{ id: readyId }`); the rest come from the spec. */
export type PathValues = Record<string, string | undefined>;

export function headers(auth: Auth, json: boolean, extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { ...extra };
  if (auth.key !== null) h["X-Api-Key"] = auth.key;
  if (auth.version) h["Aurous-Version"] = auth.version;
  if (auth.idempotencyKey) h["Idempotency-Key"] = auth.idempotencyKey;
  if (json) h["Content-Type"] = "application/json";
  return h;
}

export { parameterExample };

/** `op.path` with every `{name}` filled from `values`, else from the parameter's example. */
export function fillPath(doc: OpenApiDocument, op: OperationModel, values: PathValues = {}): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value =
      values[name] ??
      parameterExample(
        doc,
        op.parameters.find((p) => p.in === "path" && p.name === name),
      );
    if (value === undefined)
      throw new Error(`${op.operationId}: no value for path parameter {${name}} (and the spec gives no example)`);
    return encodeURIComponent(String(value));
  });
}

/** A valid JSON body from the spec's examples; a required body without one is an error in the spec. */
export function exampleBody(doc: OpenApiDocument, op: OperationModel): unknown {
  const example = bodyExample(doc, op);
  if (example === undefined && op.requestBody?.required && !op.requestBody.binary) {
    throw new Error(`${op.operationId}: the request body has no example to send`);
  }
  return example;
}

/** The required query parameters, from their examples (optional ones are left out: the plainest valid call). */
export function exampleQuery(doc: OpenApiDocument, op: OperationModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op.parameters.filter((x) => x.in === "query" && x.required)) {
    const value = parameterExample(doc, p);
    if (value === undefined)
      throw new Error(`${op.operationId}: query parameter ${p.name} is required and has no example`);
    out[p.name] = String(value);
  }
  return out;
}

export interface RequestParts {
  path?: PathValues;
  /** The JSON body (a string is sent as is); `undefined` = the spec's example, `null` = none. */
  body?: unknown;
  /** A query string (`?a=1`) or values; default: the required parameters' examples. */
  query?: string | Record<string, string>;
}

/** A request to `op` that a full key would have answered with success (or a harmless domain refusal). */
export function specRequest(
  doc: OpenApiDocument,
  op: OperationModel,
  auth: Auth,
  parts: RequestParts = {},
): OutgoingRequest {
  const body = parts.body === undefined ? exampleBody(doc, op) : parts.body === null ? undefined : parts.body;
  const query =
    typeof parts.query === "string"
      ? parts.query
      : new URLSearchParams(parts.query ?? exampleQuery(doc, op)).toString();
  const qs = query && !query.startsWith("?") ? `?${query}` : query;
  return {
    method: op.httpMethod,
    path: `${fillPath(doc, op, parts.path)}${qs}`,
    headers: headers(auth, body !== undefined),
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  };
}

/** A shorthand over the bundled spec's operation: method and path from the spec, never typed here. */
const call = (operationId: string, auth: Auth, parts: RequestParts) => {
  const doc = bundledDoc();
  return specRequest(doc, specModel(doc).operation(operationId), auth, parts);
};
const opt = (body: unknown) => (body === undefined ? null : body);

/** Shorthands for the stateful scenarios (which name the operation they drive). */
export const req = {
  init: (auth: Auth, body?: unknown) =>
    call("initCharacterUpload", auth, {
      body: body ?? { filename: "front.png", extension: "png", content_type: "image/png" },
    }),
  classify: (auth: Auth, body: unknown) => call("classifyCharacterUpload", auth, { body }),
  create: (auth: Auth, body: unknown) => call("createCharacter", auth, { body }),
  list: (auth: Auth, query = "") => call("listCharacters", auth, { query }),
  get: (auth: Auth, id: string) => call("getCharacter", auth, { path: { id } }),
  update: (auth: Auth, id: string, body: unknown) => call("updateCharacter", auth, { path: { id }, body }),
  delete: (auth: Auth, id: string, body?: unknown) => call("deleteCharacter", auth, { path: { id }, body: opt(body) }),
  save: (auth: Auth, id: string, body?: unknown) => call("saveCharacter", auth, { path: { id }, body: opt(body) }),
  regenerate: (auth: Auth, id: string, body: unknown = { pose: "front" }) =>
    call("regenerateCharacterRef", auth, { path: { id }, body }),
  resynthesize: (auth: Auth, id: string, body?: unknown) =>
    call("resynthesizeCharacter", auth, { path: { id }, body: opt(body) }),
  createImage: (auth: Auth, body: unknown) => call("createImage", auth, { body }),
  estimateImage: (auth: Auth, body: unknown) => call("estimateImage", auth, { body }),
  listImages: (auth: Auth, query = "") => call("listImages", auth, { query }),
  getImage: (auth: Auth, id: string) => call("getImage", auth, { path: { id } }),
  cancelImage: (auth: Auth, id: string) => call("cancelImage", auth, { path: { id }, body: null }),
  /** An output by generation id and number, with the API key (no token). */
  imageOutput: (auth: Auth, id: string, n: number | string) =>
    call("getImageOutput", auth, { path: { id, n: String(n) }, body: null }),
  /** An `output_urls` entry as given (its `token` is the credential), on whichever base the route picks. */
  outputUrl: (outputUrl: string, auth: Auth = { key: null }): OutgoingRequest => {
    const u = new URL(outputUrl);
    return { method: "GET", path: `${u.pathname}${u.search}`, headers: headers(auth, false) };
  },
  /** The upload PUT, sent to the path and query of `uploadUrl` on whichever base the route picks. */
  put: (uploadUrl: string, contentType: string, bytes: Uint8Array): OutgoingRequest => {
    const u = new URL(uploadUrl);
    return { method: "PUT", path: `${u.pathname}${u.search}`, headers: { "Content-Type": contentType }, body: bytes };
  },
};

/** The operations a key-authenticated request can reach (the signed-URL PUT needs a ticket). */
export function apiKeyOperations(doc: OpenApiDocument): OperationModel[] {
  return listOperations(doc).filter((op) => op.credential === "api-key");
}
