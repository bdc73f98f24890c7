// Credit balances per team. Every mutation is one synchronous check-and-update, so on Node's single
// thread concurrent requests cannot interleave inside it: spending is all-or-nothing and a balance
// never goes below zero.
export type SpendResult = { ok: true; balance: number } | { ok: false; balance: number };

export class CreditLedger {
  private readonly balances = new Map<string, number>();

  constructor(initial: Iterable<readonly [teamId: string, credits: number]>) {
    for (const [teamId, credits] of initial) this.balances.set(teamId, credits);
  }

  balance(teamId: string): number {
    return this.balances.get(teamId) ?? 0;
  }

  /** Takes `amount` credits if the team has them all; otherwise takes nothing. */
  trySpend(teamId: string, amount: number): SpendResult {
    if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`invalid credit amount ${amount}`);
    const balance = this.balance(teamId);
    if (balance < amount) return { ok: false, balance };
    this.balances.set(teamId, balance - amount);
    return { ok: true, balance: balance - amount };
  }

  /** Gives back credits taken for work that did not happen (a failed synthesis). */
  refund(teamId: string, amount: number): number {
    if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`invalid credit amount ${amount}`);
    const balance = this.balance(teamId) + amount;
    this.balances.set(teamId, balance);
    return balance;
  }
}
