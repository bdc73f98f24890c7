// Listing (pagination over 45 characters, status filter, cursors of deleted rows) and team
// isolation (another team's character answers exactly like an unknown id on every by-id operation).
import type { Aurous } from "@aurous/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pngBytes } from "../helpers/images.js";
import { errorOf, startSandbox, stopSandbox, type TestSandbox, withoutRequestId } from "../helpers/sandbox.js";

let t: TestSandbox;
beforeAll(async () => {
  t = await startSandbox();
});
afterAll(() => stopSandbox(t));

async function readyCharacter(client: Aurous, name: string): Promise<string> {
  const upload = await client.uploads.upload(pngBytes(8, 8), { filename: `${name}.png` });
  return (await client.characters.create({ name, upload_ids: [upload.upload_id] })).data.id;
}

describe("list", () => {
  it("pages through 45 characters newest first with no duplicates or gaps", async () => {
    const created: string[] = [];
    for (let i = 0; i < 45; i++) {
      // Two characters_post tokens per character: move the clock so the 60-token bucket refills.
      if (i % 25 === 0) t.clock.advance(120_000);
      created.push(await readyCharacter(t.acme, `Character ${i}`));
    }
    // Another team's characters never show up.
    await readyCharacter(t.globex, "Not yours");

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const { data: page } = await t.acme.characters.list({ limit: 10, ...(cursor ? { starting_after: cursor } : {}) });
      pages++;
      seen.push(...page.data.map((c) => c.id));
      if (!page.has_more) {
        expect(page.next_cursor).toBeNull();
        break;
      }
      expect(page.next_cursor).toBe(page.data.at(-1)!.id);
      cursor = page.next_cursor!;
    }
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(45);
    expect(seen).toEqual([...created].reverse());

    // The client's auto-pager agrees.
    const all: string[] = [];
    for await (const c of t.acme.characters.listAll({ limit: 7 })) all.push(c.id);
    expect(all).toEqual(seen);
  });

  it("defaults to 20, filters by status, hides deleted rows and accepts the cursor of a deleted row", async () => {
    const { data: first } = await t.acme.characters.list();
    expect(first.data).toHaveLength(20);
    expect(first.has_more).toBe(true);

    const [newest, second, third] = first.data;
    await t.acme.characters.delete(second!.id);
    const after = await t.acme.characters.list({ limit: 2, starting_after: second!.id });
    expect(after.data.data.map((c) => c.id)).toEqual([third!.id, first.data[3]!.id]);
    const top = await t.acme.characters.list({ limit: 2 });
    expect(top.data.data.map((c) => c.id)).toEqual([newest!.id, third!.id]);

    expect((await t.acme.characters.list({ status: "reviewing" })).data).toEqual({
      object: "list",
      data: [],
      has_more: false,
      next_cursor: null,
    });
    const ready = await t.acme.characters.list({ status: "ready", limit: 100 });
    expect(ready.data.data).toHaveLength(44);

    const bad = await fetch(`${t.origin}/v1/characters?status=deleted`, {
      headers: { "X-Api-Key": `al_live_${"a".repeat(64)}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: object }).error).toMatchObject({ code: "invalid_request", param: "status" });
  });
});

describe("team isolation", () => {
  it("answers another team's character with the same 404 as an unknown id, on every by-id operation", async () => {
    t.clock.advance(120_000);
    const theirs = await readyCharacter(t.globex, "Private");
    const unknown = "char_01J00000000000000000000000";
    const deleted = await readyCharacter(t.acme, "Gone");
    await t.acme.characters.delete(deleted);

    const operations: Record<string, (id: string) => Promise<unknown>> = {
      get: (id) => t.acme.characters.get(id),
      update: (id) => t.acme.characters.update(id, { name: "Mine now" }),
      delete: (id) => t.acme.characters.delete(id),
      save: (id) => t.acme.characters.save(id),
      regenerate: (id) => t.acme.characters.regenerateRef(id, { pose: "front" }),
      resynthesize: (id) => t.acme.characters.resynthesize(id),
    };
    for (const [name, call] of Object.entries(operations)) {
      const foreign = await errorOf(call(theirs));
      const missing = await errorOf(call(unknown));
      const gone = await errorOf(call(deleted));
      expect({ name, status: foreign.status, code: foreign.code, param: foreign.param }).toEqual({
        name,
        status: 404,
        code: "resource_not_found",
        param: "character_id",
      });
      expect(withoutRequestId(foreign.error)).toEqual(withoutRequestId(missing.error));
      expect(withoutRequestId(gone.error)).toEqual(withoutRequestId(missing.error));
      expect(foreign.response.headers.get("aurous-request-id")).toBe(foreign.error.request_id);
    }
    // Nothing happened to the owner's character, and no credits were spent on it.
    expect((await t.globex.characters.get(theirs)).data).toMatchObject({ name: "Private", status: "ready" });
    expect(t.balance("team_01J0000000000000000000ACME")).toBe(1000);
  });
});
