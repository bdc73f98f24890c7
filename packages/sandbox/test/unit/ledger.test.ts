import { describe, expect, it } from "vitest";
import { KeyRegistry } from "../../src/teams/keys.js";
import { CreditLedger } from "../../src/teams/ledger.js";

describe("CreditLedger", () => {
  it("spends all or nothing and refunds", () => {
    const ledger = new CreditLedger([["t", 5]]);
    expect(ledger.trySpend("t", 4)).toEqual({ ok: true, balance: 1 });
    expect(ledger.trySpend("t", 4)).toEqual({ ok: false, balance: 1 });
    expect(ledger.balance("t")).toBe(1);
    expect(ledger.refund("t", 4)).toBe(5);
    expect(ledger.trySpend("unknown", 1)).toEqual({ ok: false, balance: 0 });
    expect(() => ledger.trySpend("t", -1)).toThrow(RangeError);
  });

  it("never goes below zero under many concurrent spenders", async () => {
    const ledger = new CreditLedger([["t", 37]]);
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i % 7)); // interleave the callers
        return ledger.trySpend("t", 1 + (i % 4));
      }),
    );
    const spent = results.filter((r) => r.ok).length;
    expect(spent).toBeGreaterThan(0);
    expect(ledger.balance("t")).toBeGreaterThanOrEqual(0);
    expect(results.every((r) => r.balance >= 0)).toBe(true);
  });
});

describe("CreditLedger holds", () => {
  it("holds against available credits, all or nothing, without moving the balance", () => {
    const ledger = new CreditLedger([["t", 5]]);
    const first = ledger.hold("t", 3);
    expect(first).toMatchObject({ ok: true, available: 2 });
    expect([ledger.balance("t"), ledger.held("t"), ledger.available("t")]).toEqual([5, 3, 2]);
    // 3 more than the 2 available: refused, nothing held
    expect(ledger.hold("t", 3)).toEqual({ ok: false, available: 2 });
    expect(ledger.held("t")).toBe(3);
    expect(ledger.hold("t", 2)).toMatchObject({ ok: true, available: 0 });
    expect(ledger.hold("unknown", 1)).toEqual({ ok: false, available: 0 });
    expect(() => ledger.hold("t", 1.5)).toThrow(RangeError);
  });

  it("commit turns a hold into a charge, release gives it back; each only once", () => {
    const ledger = new CreditLedger([["t", 10]]);
    const a = ledger.hold("t", 4);
    const b = ledger.hold("t", 3);
    if (!a.ok || !b.ok) throw new Error("holds refused");
    expect(a.holdId).not.toBe(b.holdId);
    expect(ledger.holdAmount(a.holdId)).toBe(4);

    expect(ledger.commit(a.holdId)).toBe(true);
    expect([ledger.balance("t"), ledger.held("t"), ledger.available("t")]).toEqual([6, 3, 3]);
    expect(ledger.commit(a.holdId)).toBe(false);
    expect(ledger.release(a.holdId)).toBe(false);
    expect(ledger.holdAmount(a.holdId)).toBeUndefined();

    expect(ledger.release(b.holdId)).toBe(true);
    expect([ledger.balance("t"), ledger.held("t"), ledger.available("t")]).toEqual([6, 0, 6]);
    expect(ledger.commit(b.holdId)).toBe(false);
    expect(ledger.balance("t")).toBe(6);
  });

  it("spending cannot take held credits", () => {
    const ledger = new CreditLedger([["t", 5]]);
    expect(ledger.hold("t", 3).ok).toBe(true);
    expect(ledger.trySpend("t", 3)).toEqual({ ok: false, balance: 5 });
    expect(ledger.trySpend("t", 2)).toEqual({ ok: true, balance: 3 });
    expect(ledger.available("t")).toBe(0);
  });

  it("holds of different teams are independent", () => {
    const ledger = new CreditLedger([
      ["a", 2],
      ["b", 2],
    ]);
    expect(ledger.hold("a", 2).ok).toBe(true);
    expect(ledger.hold("b", 2).ok).toBe(true);
    expect([ledger.held("a"), ledger.held("b")]).toEqual([2, 2]);
  });

  it("never holds more than available under many concurrent callers", async () => {
    const ledger = new CreditLedger([["t", 37]]);
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i % 7));
        const held = ledger.hold("t", 1 + (i % 4));
        if (held.ok && i % 3 === 0) ledger.release(held.holdId);
        return held;
      }),
    );
    expect(results.some((r) => !r.ok)).toBe(true);
    expect(ledger.available("t")).toBeGreaterThanOrEqual(0);
    expect(ledger.held("t")).toBeLessThanOrEqual(37);
  });
});

describe("KeyRegistry", () => {
  const registry = new KeyRegistry([
    {
      id: "team_A",
      name: "A",
      credits: 1,
      keys: [
        { key: "k1", scope: "read", revoked: false },
        { key: "k2", scope: "full", revoked: true },
      ],
    },
  ]);

  it("finds keys, flags revoked ones and knows unknown ones", () => {
    expect(registry.lookup("k1")).toEqual({
      kind: "ok",
      record: { key: "k1", teamId: "team_A", scope: "read", revoked: false },
    });
    expect(registry.lookup("k2").kind).toBe("revoked");
    expect(registry.lookup("k3").kind).toBe("unknown");
  });

  it("orders scopes read < write < full", () => {
    expect(KeyRegistry.allows("read", "read")).toBe(true);
    expect(KeyRegistry.allows("read", "write")).toBe(false);
    expect(KeyRegistry.allows("write", "read")).toBe(true);
    expect(KeyRegistry.allows("write", "full")).toBe(false);
    expect(KeyRegistry.allows("full", "write")).toBe(true);
  });
});
