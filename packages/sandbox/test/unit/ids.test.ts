import { describe, expect, it } from "vitest";
import { newId } from "../../src/ids.js";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const randomPart = (id: string) => [...id.slice(-13)].reduce((n, c) => n * 32n + BigInt(CROCKFORD.indexOf(c)), 0n);

describe("newId", () => {
  it("sorts in creation order, also within one millisecond and when the clock steps back", () => {
    const now = Date.UTC(2026, 11, 3, 12, 0, 0);
    const ids = [
      ...Array.from({ length: 500 }, () => newId("upl", now)),
      ...Array.from({ length: 5 }, () => newId("upl", now - 1000)), // clock stepped back
      newId("upl", now + 1),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^upl_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it("gives ids minted together unrelated random parts (a neighbour's id cannot be guessed)", () => {
    const now = Date.UTC(2026, 11, 3, 12, 0, 1);
    const ids = Array.from({ length: 200 }, () => newId("upl", now));
    // A monotonic ULID's random part grows by exactly one within a millisecond; these never do,
    // and they are spread over the whole 65-bit range rather than clustered.
    for (let i = 1; i < ids.length; i++) expect(randomPart(ids[i]!) - randomPart(ids[i - 1]!)).not.toBe(1n);
    const spread = ids.map(randomPart).sort((a, b) => (a < b ? -1 : 1));
    expect(spread.at(-1)! - spread[0]!).toBeGreaterThan(2n ** 60n);
  });
});
