// Built-in teams used when no config file is given. The keys are FIXED so that the README, the
// start banner and copy-pasted curl commands keep working across restarts. Never use them anywhere
// but a local sandbox.
import type { ConfigFile } from "./schema.js";

const key = (hexChar: string) => `al_live_${hexChar.repeat(64)}`;

export const DEMO_KEYS = {
  /** Team A (Acme Studio, 1000 credits), scope full. */
  acmeFull: key("a"),
  /** Team A, read-only: try a write with it to see 403 missing_scope. */
  acmeReadOnly: key("e"),
  /** Team A, revoked: every call answers 401 revoked_api_key. */
  acmeRevoked: key("d"),
  /** Team B (Globex Labs, 1000 credits), scope full: use it to check cross-team 404s. */
  globexFull: key("b"),
  /** Team C (Shoestring Co, 3 credits), scope full: a synthesis (4 credits) answers 402. */
  shoestringFull: key("c"),
} as const;

export const DEMO_TEAM_IDS = {
  acme: "team_01J0000000000000000000ACME",
  globex: "team_01J000000000000000000G10BE",
  shoestring: "team_01J00000000000000000SH0E5T",
} as const;

export function demoConfig(): ConfigFile {
  return {
    port: 4010,
    host: "127.0.0.1",
    synthesisDelayMs: 3000,
    generationDelayMs: 1500,
    teams: [
      {
        id: DEMO_TEAM_IDS.acme,
        name: "Acme Studio",
        credits: 1000,
        createdAt: "2026-01-15T00:00:00Z",
        billingEmail: "billing@acme.example",
        keys: [
          { key: DEMO_KEYS.acmeFull, scope: "full", revoked: false },
          { key: DEMO_KEYS.acmeReadOnly, scope: "read", revoked: false },
          { key: DEMO_KEYS.acmeRevoked, scope: "full", revoked: true },
        ],
      },
      {
        id: DEMO_TEAM_IDS.globex,
        name: "Globex Labs",
        credits: 1000,
        keys: [{ key: DEMO_KEYS.globexFull, scope: "full", revoked: false }],
      },
      {
        id: DEMO_TEAM_IDS.shoestring,
        name: "Shoestring Co",
        credits: 3,
        keys: [{ key: DEMO_KEYS.shoestringFull, scope: "full", revoked: false }],
      },
    ],
  };
}
