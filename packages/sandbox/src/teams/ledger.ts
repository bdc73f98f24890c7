// Credit balances per team, and holds against them. Every mutation is one synchronous
// check-and-update, so on Node's single thread concurrent requests cannot interleave inside it:
// spending and holding are all-or-nothing, and neither ever takes more than the team has available
// (its balance minus what is held).
export type SpendResult = { ok: true; balance: number } | { ok: false; balance: number };

/** A hold placed (its id, to commit or release it later), or refused with what was available. */
export type HoldResult = { ok: true; holdId: string; available: number } | { ok: false; available: number };

interface Hold {
  teamId: string;
  amount: number;
}

function checkAmount(amount: number): void {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`invalid credit amount ${amount}`);
}

export class CreditLedger {
  private readonly balances = new Map<string, number>();
  private readonly heldByTeam = new Map<string, number>();
  private readonly holds = new Map<string, Hold>();
  private nextHold = 1;

  constructor(initial: Iterable<readonly [teamId: string, credits: number]>) {
    for (const [teamId, credits] of initial) this.balances.set(teamId, credits);
  }

  /** Credits the team owns, held ones included. */
  balance(teamId: string): number {
    return this.balances.get(teamId) ?? 0;
  }

  /** Credits set aside for work that has not ended yet. */
  held(teamId: string): number {
    return this.heldByTeam.get(teamId) ?? 0;
  }

  /** What the team may still spend or hold: its balance minus what is held. */
  available(teamId: string): number {
    return this.balance(teamId) - this.held(teamId);
  }

  /** Takes `amount` credits if the team has them all available; otherwise takes nothing. */
  trySpend(teamId: string, amount: number): SpendResult {
    checkAmount(amount);
    const balance = this.balance(teamId);
    if (this.available(teamId) < amount) return { ok: false, balance };
    this.balances.set(teamId, balance - amount);
    return { ok: true, balance: balance - amount };
  }

  /** Gives back credits taken for work that did not happen (a failed synthesis). */
  refund(teamId: string, amount: number): number {
    checkAmount(amount);
    const balance = this.balance(teamId) + amount;
    this.balances.set(teamId, balance);
    return balance;
  }

  /**
   * Sets `amount` aside if the team has it all available; otherwise holds nothing. The balance does
   * not move until the hold is committed.
   */
  hold(teamId: string, amount: number): HoldResult {
    checkAmount(amount);
    const available = this.available(teamId);
    if (available < amount) return { ok: false, available };
    const holdId = `hold_${this.nextHold++}`;
    this.holds.set(holdId, { teamId, amount });
    this.heldByTeam.set(teamId, this.held(teamId) + amount);
    return { ok: true, holdId, available: available - amount };
  }

  /** The amount a live hold sets aside, or undefined once it was committed or released. */
  holdAmount(holdId: string): number | undefined {
    return this.holds.get(holdId)?.amount;
  }

  /** Turns a hold into a charge: the balance and the held amount both drop by it. False if it is gone. */
  commit(holdId: string): boolean {
    const hold = this.take(holdId);
    if (!hold) return false;
    this.balances.set(hold.teamId, this.balance(hold.teamId) - hold.amount);
    return true;
  }

  /** Gives a hold back to the available credits; the balance is unchanged. False if it is gone. */
  release(holdId: string): boolean {
    return this.take(holdId) !== undefined;
  }

  private take(holdId: string): Hold | undefined {
    const hold = this.holds.get(holdId);
    if (!hold) return undefined;
    this.holds.delete(holdId);
    this.heldByTeam.set(hold.teamId, this.held(hold.teamId) - hold.amount);
    return hold;
  }
}
