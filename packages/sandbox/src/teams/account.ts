// What a team can read about itself: its balance and its profile, from the ledger and the config.
import type { Balance, Team } from "@aurous/server-stubs";
import type { Clock } from "../clock.js";
import type { TeamConfig } from "../config/schema.js";
import type { CreditLedger } from "./ledger.js";

export class AccountService {
  private readonly teams: Map<string, TeamConfig>;
  /** When a team's config gives no creation time: the sandbox's start, stable for its lifetime. */
  private readonly startedAt: string;

  constructor(
    teams: readonly TeamConfig[],
    private readonly ledger: CreditLedger,
    clock: Clock,
  ) {
    this.teams = new Map(teams.map((t) => [t.id, t]));
    this.startedAt = new Date(clock.now()).toISOString();
  }

  balance(teamId: string): Balance {
    // Image generations hold their price until they end; syntheses are charged when they start
    // (and refunded if they fail), so they never show as held. Every sandbox team is metered.
    return {
      credits: this.ledger.balance(teamId),
      held_credits: this.ledger.held(teamId),
      available_credits: this.ledger.available(teamId),
      currency: "credit",
      billing_mode: "metered",
    };
  }

  /** The team behind an authenticated key; the runtime only authenticates keys of configured teams. */
  team(teamId: string): Team {
    const team = this.teams.get(teamId);
    if (!team) throw new Error(`no configured team ${teamId}`);
    return {
      id: team.id,
      name: team.name,
      credits: this.ledger.balance(teamId),
      created_at: team.createdAt ?? this.startedAt,
      billing_email: team.billingEmail ?? null,
    };
  }
}
