// Who is calling: maps an API key to its team and scope.
import type { KeyScope, TeamConfig } from "../config/schema.js";

export interface KeyRecord {
  key: string;
  teamId: string;
  scope: KeyScope;
  revoked: boolean;
}

export type KeyLookup =
  | { kind: "ok"; record: KeyRecord }
  | { kind: "unknown" }
  | { kind: "revoked"; record: KeyRecord };

export class KeyRegistry {
  private readonly byKey = new Map<string, KeyRecord>();

  constructor(teams: readonly TeamConfig[]) {
    for (const team of teams) {
      for (const k of team.keys)
        this.byKey.set(k.key, { key: k.key, teamId: team.id, scope: k.scope, revoked: k.revoked });
    }
  }

  lookup(key: string): KeyLookup {
    const record = this.byKey.get(key);
    if (!record) return { kind: "unknown" };
    return record.revoked ? { kind: "revoked", record } : { kind: "ok", record };
  }

  /** `full` covers everything, `write` covers reads too, `read` only reads. */
  static allows(scope: KeyScope, required: KeyScope): boolean {
    if (scope === "full") return true;
    if (scope === "write") return required !== "full";
    return required === "read";
  }
}
