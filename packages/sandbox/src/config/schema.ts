// The sandbox's configuration file: teams, their keys and credits, and server settings.
import { z } from "zod";

export const KEY_SCOPES = ["read", "write", "full"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

const keySchema = z.strictObject({
  key: z
    .string()
    .regex(/^al_live_[0-9a-f]{64}$/, { error: 'must be "al_live_" followed by 64 lowercase hex characters' }),
  scope: z.enum(KEY_SCOPES, { error: "must be one of read, write, full" }),
  revoked: z.boolean().default(false),
});

const teamSchema = z.strictObject({
  id: z.string().regex(/^team_[0-9A-HJKMNP-TV-Z]{26}$/, { error: 'must be "team_" followed by a 26-character ULID' }),
  name: z.string().min(1, { error: "must not be empty" }).max(100, { error: "must be at most 100 characters" }),
  credits: z
    .number()
    .int({ error: "must be a whole number" })
    .min(0, { error: "must not be negative" })
    .max(1_000_000_000, { error: "must be at most 1000000000" }),
  keys: z.array(keySchema).min(1, { error: "must list at least one key" }),
  // What GET /v1/team reports; without createdAt it reports the sandbox's start time.
  createdAt: z.iso.datetime({ error: "must be an ISO 8601 date-time in UTC, like 2026-01-15T00:00:00Z" }).optional(),
  billingEmail: z.email({ error: "must be an email address" }).max(254).optional(),
});

export const configSchema = z
  .strictObject({
    port: z
      .number()
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be between 0 and 65535" })
      .max(65535, { error: "must be between 0 and 65535" })
      .default(4010),
    host: z.string().min(1, { error: "must not be empty" }).default("127.0.0.1"),
    dataDir: z.string().min(1, { error: "must not be empty" }).optional(),
    synthesisDelayMs: z
      .number()
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be between 0 and 600000" })
      .max(600_000, { error: "must be between 0 and 600000" })
      .default(3000),
    // How long an image generation runs: half of it pending, half processing.
    generationDelayMs: z
      .number()
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be between 0 and 600000" })
      .max(600_000, { error: "must be between 0 and 600000" })
      .default(1500),
    teams: z.array(teamSchema).min(1, { error: "must list at least one team" }),
  })
  .superRefine((config, ctx) => {
    // Keys and team ids identify a caller: a duplicate would make authentication ambiguous.
    const teamIds = new Map<string, number>();
    const keys = new Map<string, string>();
    config.teams.forEach((team, t) => {
      const first = teamIds.get(team.id);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["teams", t, "id"], message: `duplicates teams[${first}].id` });
      } else teamIds.set(team.id, t);
      team.keys.forEach((key, k) => {
        const where = `teams[${t}].keys[${k}]`;
        const seen = keys.get(key.key);
        if (seen !== undefined) {
          ctx.addIssue({ code: "custom", path: ["teams", t, "keys", k, "key"], message: `duplicates ${seen}.key` });
        } else keys.set(key.key, where);
      });
    });
  });

/** The file as written (defaults optional). */
export type ConfigInput = z.input<typeof configSchema>;
/** The file after validation and defaults. */
export type ConfigFile = z.output<typeof configSchema>;
export type TeamConfig = ConfigFile["teams"][number];
export type KeyConfig = TeamConfig["keys"][number];
