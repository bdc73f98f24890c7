// API-key extraction and scope ordering (read < write < full).
import type { IncomingHttpHeaders } from "node:http";
import type { KeyScope } from "../contract/meta.js";

const SCOPE_RANK: Readonly<Record<KeyScope, number>> = { read: 1, write: 2, full: 3 };

export function scopeAllows(keyScope: KeyScope, required: KeyScope | null): boolean {
  if (!required) return true;
  return (SCOPE_RANK[keyScope] ?? 0) >= SCOPE_RANK[required];
}

/** `X-Api-Key: <key>` or its alias `Authorization: Bearer <key>`; undefined when neither is usable. */
export function extractApiKey(headers: IncomingHttpHeaders): string | undefined {
  const direct = headers["x-api-key"];
  if (typeof direct === "string" && direct.trim() !== "") return direct.trim();
  const authorization = headers.authorization;
  if (typeof authorization === "string") {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  return undefined;
}
