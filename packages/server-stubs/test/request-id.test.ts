// The request id's own ULID encoder agrees with the ulid package on the time part and uses the
// whole alphabet for the random part.
import { decodeTime } from "ulid";
import { describe, expect, it } from "vitest";
import { newRequestId } from "../src/runtime/request-id.js";

describe("newRequestId", () => {
  it("is req_ + a ULID whose time is now", () => {
    const before = Date.now();
    const id = newRequestId();
    const after = Date.now();
    expect(id).toMatch(/^req_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    const t = decodeTime(id.slice(4));
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(after);
  });

  it("draws distinct random parts over the whole alphabet", () => {
    const ids = Array.from({ length: 2000 }, newRequestId);
    expect(new Set(ids).size).toBe(ids.length);
    const seen = new Set(ids.flatMap((id) => [...id.slice(14)]));
    expect(seen.size).toBe(32);
  });
});
