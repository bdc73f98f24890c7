import { describe, expect, it } from "vitest";
import type { CharacterRecord } from "../../src/characters/model.js";
import { CharacterStore } from "../../src/characters/store.js";
import { newId } from "../../src/ids.js";

function record(teamId: string, status: CharacterRecord["status"] = "ready"): CharacterRecord {
  return {
    id: newId("char"),
    teamId,
    name: "n",
    status,
    refs: [],
    createdAt: 0,
    updatedAt: 0,
    clientReferenceId: null,
    attributes: null,
    errorMessage: null,
    aurousVersion: "2026-05-15",
    generation: 0,
    published: true,
  };
}

describe("CharacterStore", () => {
  it("pages newest first with no duplicates or gaps, skipping deleted rows and other teams", () => {
    const store = new CharacterStore();
    const mine: string[] = [];
    for (let i = 0; i < 45; i++) {
      const r = record("A", i % 10 === 3 ? "deleted" : "ready");
      store.add(r);
      if (r.status !== "deleted") mine.push(r.id);
      store.add(record("B"));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = store.list({ teamId: "A", limit: 7, startingAfter: cursor });
      seen.push(...page.data.map((r) => r.id));
      expect(page.nextCursor).toBe(page.hasMore ? page.data.at(-1)!.id : null);
      if (!page.hasMore) break;
      cursor = page.nextCursor!;
    }
    expect(seen).toEqual([...mine].reverse());
  });

  it("keeps a cursor valid after its row is gone, filters by status and hides other teams", () => {
    const store = new CharacterStore();
    const [a, b, c, d] = [record("A"), record("A", "failed"), record("A"), record("A")];
    for (const r of [a, b, c, d]) store.add(r!);
    store.remove(c!.id);
    expect(store.list({ teamId: "A", limit: 10, startingAfter: c!.id }).data.map((r) => r.id)).toEqual([b!.id, a!.id]);
    expect(store.list({ teamId: "A", limit: 10, status: "failed" }).data.map((r) => r.id)).toEqual([b!.id]);
    expect(store.list({ teamId: "B", limit: 10 }).data).toEqual([]);
    expect(store.find("B", a!.id)).toBeUndefined();
    expect(store.find("A", c!.id)).toBeUndefined();
    const last = store.list({ teamId: "A", limit: 3 });
    expect(last).toMatchObject({ hasMore: false, nextCursor: null });
  });
});
