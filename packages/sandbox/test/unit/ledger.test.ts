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
