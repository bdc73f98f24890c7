// Request builders for the scenarios: one place that knows each operation's path, method and
// headers, so scenarios read as "what" rather than "how".
import type { OutgoingRequest } from "../http/exchange.js";

export const UNKNOWN_CHARACTER = "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR";
export const UNKNOWN_UPLOAD = "upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR";
/** Well-formed (al_live_ + 64 hex) but issued to nobody. */
export const UNKNOWN_KEY = `al_live_${"0123456789abcdef".repeat(4)}`;

export interface Auth {
  key: string | null;
  version?: string;
  idempotencyKey?: string;
}

export function headers(auth: Auth, json: boolean, extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { ...extra };
  if (auth.key !== null) h["X-Api-Key"] = auth.key;
  if (auth.version) h["Aurous-Version"] = auth.version;
  if (auth.idempotencyKey) h["Idempotency-Key"] = auth.idempotencyKey;
  if (json) h["Content-Type"] = "application/json";
  return h;
}

function jsonRequest(method: string, path: string, auth: Auth, body?: unknown): OutgoingRequest {
  return { method, path, headers: headers(auth, body !== undefined), ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}) };
}

const byId = (id: string, suffix = "") => `/v1/characters/${encodeURIComponent(id)}${suffix}`;

export const req = {
  init: (auth: Auth, body: unknown = { filename: "front.png", extension: "png", content_type: "image/png" }) => jsonRequest("POST", "/v1/characters/uploads/init", auth, body),
  classify: (auth: Auth, body: unknown) => jsonRequest("POST", "/v1/characters/uploads/classify", auth, body),
  create: (auth: Auth, body: unknown) => jsonRequest("POST", "/v1/characters", auth, body),
  list: (auth: Auth, query = "") => jsonRequest("GET", `/v1/characters${query}`, auth),
  get: (auth: Auth, id: string) => jsonRequest("GET", byId(id), auth),
  update: (auth: Auth, id: string, body: unknown) => jsonRequest("PATCH", byId(id), auth, body),
  delete: (auth: Auth, id: string, body?: unknown) => jsonRequest("DELETE", byId(id), auth, body),
  save: (auth: Auth, id: string, body?: unknown) => jsonRequest("POST", byId(id, "/save"), auth, body),
  regenerate: (auth: Auth, id: string, body: unknown = { pose: "front" }) => jsonRequest("POST", byId(id, "/refs/regenerate"), auth, body),
  resynthesize: (auth: Auth, id: string, body?: unknown) => jsonRequest("POST", byId(id, "/resynthesize"), auth, body),
  /** The upload PUT, sent to the path and query of `uploadUrl` on whichever base the route picks. */
  put: (uploadUrl: string, contentType: string, bytes: Uint8Array): OutgoingRequest => {
    const u = new URL(uploadUrl);
    return { method: "PUT", path: `${u.pathname}${u.search}`, headers: { "Content-Type": contentType }, body: bytes };
  },
};

/** Which operation a request builder targets, for the generic (auth, version, size) scenarios. */
export const OPERATION_OF = {
  init: "initCharacterUpload",
  classify: "classifyCharacterUpload",
  create: "createCharacter",
  list: "listCharacters",
  get: "getCharacter",
  update: "updateCharacter",
  delete: "deleteCharacter",
  save: "saveCharacter",
  regenerate: "regenerateCharacterRef",
  resynthesize: "resynthesizeCharacter",
} as const;
