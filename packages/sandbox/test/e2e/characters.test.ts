// The synthesize flow and the character lifecycle end to end through @aurous/client: synthesis,
// review, save, regenerate, resynthesize, the failure trigger, update, both kinds of delete, and
// the signed ref URLs.
import type { Character } from "@aurous/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAIL_TOKEN } from "../../src/characters/fail-trigger.js";
import { DEMO_TEAM_IDS } from "../../src/config/demo.js";
import { sniffImage } from "../../src/images/sniff.js";
import { listFiles } from "../helpers/files.js";
import { pngBytes } from "../helpers/images.js";
import { errorOf, startSandbox, stopSandbox, type TestSandbox } from "../helpers/sandbox.js";

let t: TestSandbox;
beforeAll(async () => {
  t = await startSandbox();
});
afterAll(() => stopSandbox(t));
// Each test starts with full rate-limit buckets (characters_synthesize holds only 12 tokens).
beforeEach(() => t.clock.advance(120_000));

const ACME = DEMO_TEAM_IDS.acme;
const attributes = {
  gender: "female",
  age: 28,
  hair_color: "black",
  additional_details: "small scar above right eyebrow",
};

async function settled(id: string): Promise<Character> {
  const { data } = await t.acme.characters.waitFor(id, {
    status: ["reviewing", "ready", "failed"],
    intervalMs: 20,
    timeoutMs: 10_000,
  });
  return data;
}

async function refBytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  // Uploaded bytes served back: a browser must not sniff them into HTML.
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  return Buffer.from(await response.arrayBuffer());
}

describe("synthesize flow", () => {
  it("charges 4 credits, synthesizes four PNG refs, and saves to ready (twice)", async () => {
    const before = t.balance(ACME);
    const { data: created, response } = await t.acme.characters.create({ name: "Aurora", generate: true, attributes });
    expect(response.status).toBe(201);
    expect(created).toMatchObject({
      status: "synthesizing",
      refs: [],
      attributes,
      aurous_version: "2026-05-15",
      updated_at: created.created_at,
    });
    expect(t.balance(ACME)).toBe(before - 4);

    const early = await errorOf(t.acme.characters.save(created.id));
    expect(early).toMatchObject({ status: 400, code: "invalid_request_error", param: "status" });

    const reviewing = await settled(created.id);
    expect(reviewing.status).toBe("reviewing");
    expect(reviewing.refs.map((r) => r.pose)).toEqual(["portrait", "front", "side", "back"]);
    for (const ref of reviewing.refs) {
      const image = sniffImage(await refBytes(ref.url));
      expect(image?.type).toBe("image/png");
    }

    const saved = await t.acme.characters.save(created.id);
    expect(saved.data.status).toBe("ready");
    const again = await t.acme.characters.save(created.id);
    expect(again.data).toMatchObject({ status: "ready", updated_at: saved.data.updated_at });
    expect(t.balance(ACME)).toBe(before - 4);
  });

  it("needs exactly one flow, and attributes for a synthesis", async () => {
    // The client's types refuse these bodies (the spec's oneOf); the server must refuse them too.
    // @ts-expect-error neither flow
    expect(await errorOf(t.acme.characters.create({ name: "Neither" }))).toMatchObject({
      status: 400,
      code: "parameter_invalid_combination",
    });
    const upload = await t.acme.uploads.upload(pngBytes(10, 10), { filename: "a.png" });
    expect(
      await errorOf(
        t.acme.characters.create({ name: "Both", generate: true, attributes, upload_ids: [upload.upload_id] }),
      ),
    ).toMatchObject({
      status: 400,
      code: "parameter_invalid_combination",
    });
    // @ts-expect-error the synthesize flow without attributes
    expect(await errorOf(t.acme.characters.create({ name: "No attributes", generate: true }))).toMatchObject({
      status: 400,
      code: "missing_field",
      param: "attributes",
    });
    // The refused "Both" request did not consume the upload.
    expect((await t.acme.uploads.classify({ upload_id: upload.upload_id })).data.pose).toBe("portrait");
  });

  it("answers 402 insufficient_credits on the low-credit team and charges nothing", async () => {
    const error = await errorOf(t.shoestring.characters.create({ name: "Too dear", generate: true, attributes }));
    expect(error).toMatchObject({ status: 402, code: "insufficient_credits" });
    expect(t.balance(DEMO_TEAM_IDS.shoestring)).toBe(3);
  });
});

describe("regenerate and resynthesize", () => {
  it("regenerates one pose for 1 credit, keeping the others", async () => {
    const { data: created } = await t.acme.characters.create({ name: "Regen", generate: true, attributes });
    const first = await settled(created.id);
    const before = await Promise.all(first.refs.map((r) => refBytes(r.url)));
    const balance = t.balance(ACME);

    const { data: regenerating } = await t.acme.characters.regenerateRef(created.id, { pose: "side" });
    expect(regenerating.status).toBe("synthesizing");
    expect(t.balance(ACME)).toBe(balance - 1);
    expect(await errorOf(t.acme.characters.regenerateRef(created.id, { pose: "front" }))).toMatchObject({
      status: 400,
      code: "invalid_request_error",
    });

    const after = await settled(created.id);
    expect(after.status).toBe("reviewing");
    expect(after.refs.map((r) => r.pose)).toEqual(["portrait", "front", "side", "back"]);
    const bytes = await Promise.all(after.refs.map((r) => refBytes(r.url)));
    expect(bytes.map((b, i) => b.equals(before[i]!))).toEqual([true, true, false, true]);
    expect(t.balance(ACME)).toBe(balance - 1);
  });

  it("resynthesizes all four for 4 credits, only from reviewing, ready or failed", async () => {
    const { data: created } = await t.acme.characters.create({ name: "Resynth", generate: true, attributes });
    expect(await errorOf(t.acme.characters.resynthesize(created.id))).toMatchObject({
      status: 400,
      code: "invalid_request_error",
      param: "status",
    });
    const first = await settled(created.id);
    await t.acme.characters.save(created.id);
    const before = await Promise.all(first.refs.map((r) => refBytes(r.url)));
    const balance = t.balance(ACME);
    const { data } = await t.acme.characters.resynthesize(created.id, { force_all: true });
    expect(data.status).toBe("synthesizing");
    expect(t.balance(ACME)).toBe(balance - 4);
    const after = await settled(created.id);
    // Saved before, so it never returns to reviewing (the save page): straight back to ready.
    expect(after.status).toBe("ready");
    const bytes = await Promise.all(after.refs.map((r) => refBytes(r.url)));
    expect(bytes.every((b, i) => !b.equals(before[i]!))).toBe(true);
  });

  it("ends a regeneration in ready for a saved character, in reviewing for an unsaved one", async () => {
    const { data: saved } = await t.acme.characters.create({ name: "Saved", generate: true, attributes });
    await settled(saved.id);
    await t.acme.characters.save(saved.id);
    await t.acme.characters.regenerateRef(saved.id, { pose: "front" });
    expect((await settled(saved.id)).status).toBe("ready");

    const uploaded = await t.acme.uploads.upload(pngBytes(10, 10), { filename: "u.png" });
    const { data: fromUploads } = await t.acme.characters.create({
      name: "Uploaded",
      upload_ids: [uploaded.upload_id],
    });
    await t.acme.characters.regenerateRef(fromUploads.id, { pose: "side" });
    expect((await settled(fromUploads.id)).status).toBe("ready");

    const { data: unsaved } = await t.acme.characters.create({ name: "Unsaved", generate: true, attributes });
    await settled(unsaved.id);
    await t.acme.characters.regenerateRef(unsaved.id, { pose: "back" });
    expect((await settled(unsaved.id)).status).toBe("reviewing");
  });
});

describe(`the failure trigger ${FAIL_TOKEN}`, () => {
  it("ends the synthesis failed with an error_message and refunds; a fixed character resynthesizes", async () => {
    const balance = t.balance(ACME);
    const { data: created } = await t.acme.characters.create({
      name: "Doomed",
      generate: true,
      attributes: { ...attributes, additional_details: `please ${FAIL_TOKEN}` },
    });
    const failed = await settled(created.id);
    expect(failed).toMatchObject({
      status: "failed",
      refs: [],
      error_message: expect.stringContaining("synthesis_provider_error"),
    });
    expect(t.balance(ACME)).toBe(balance);
    expect(await errorOf(t.acme.characters.save(created.id))).toMatchObject({
      status: 400,
      code: "invalid_request_error",
    });
    expect((await t.acme.characters.list({ status: "failed" })).data.data.map((c) => c.id)).toContain(created.id);

    await t.acme.characters.update(created.id, { attributes: { gender: "female" } });
    await t.acme.characters.resynthesize(created.id);
    const fixed = await settled(created.id);
    expect(fixed).toMatchObject({ status: "reviewing", error_message: null });
    expect(fixed.refs).toHaveLength(4);
  });
});

describe("update", () => {
  it("changes the name, replaces attributes whole, clears them with null, and rejects other keys", async () => {
    const upload = await t.acme.uploads.upload(pngBytes(10, 10), { filename: "a.png" });
    const { data: created } = await t.acme.characters.create({
      name: "Old",
      upload_ids: [upload.upload_id],
      attributes: { gender: "male", age: 40 },
    });
    const renamed = await t.acme.characters.update(created.id, { name: "New" });
    expect(renamed.data).toMatchObject({ name: "New", attributes: { gender: "male", age: 40 } });
    const replaced = await t.acme.characters.update(created.id, { attributes: { hair_color: "red" } });
    expect(replaced.data.attributes).toEqual({ hair_color: "red" });
    const cleared = await t.acme.characters.update(created.id, { attributes: null });
    expect(cleared.data.attributes).toBeNull();

    const raw = await fetch(`${t.origin}/v1/characters/${created.id}`, {
      method: "PATCH",
      headers: { "X-Api-Key": `al_live_${"a".repeat(64)}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x", refs: [], status: "ready" }),
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { error: object }).error).toMatchObject({
      code: "invalid_request",
      param: expect.stringMatching(/^(refs|status)$/),
    });
    expect((await t.acme.characters.get(created.id)).data.name).toBe("New");
  });
});

describe("delete", () => {
  it("hard-deletes a reviewing character (refs gone from disk) and soft-deletes a ready one; a second delete is 404", async () => {
    const { data: reviewing } = await t.acme.characters.create({ name: "Draft", generate: true, attributes });
    const draft = await settled(reviewing.id);
    expect(listFiles(t.sandbox.dataDir).filter((f) => f.includes(reviewing.id))).toHaveLength(4);
    expect((await t.acme.characters.delete(reviewing.id)).data).toEqual({
      id: reviewing.id,
      object: "character",
      deleted: true,
    });
    expect(listFiles(t.sandbox.dataDir).filter((f) => f.includes(reviewing.id))).toEqual([]);
    expect((await fetch(draft.refs[0]!.url)).status).toBe(404);

    const upload = await t.acme.uploads.upload(pngBytes(10, 10), { filename: "a.png" });
    const { data: ready } = await t.acme.characters.create({ name: "Kept", upload_ids: [upload.upload_id] });
    await t.acme.characters.delete(ready.id);
    expect(await errorOf(t.acme.characters.get(ready.id))).toMatchObject({ status: 404, code: "resource_not_found" });
    expect((await t.acme.characters.list({ limit: 100 })).data.data.map((c) => c.id)).not.toContain(ready.id);
    // Soft-deleted: its ref image stays available to generations that used it.
    expect((await fetch(ready.refs[0]!.url)).status).toBe(200);
    expect(await errorOf(t.acme.characters.delete(ready.id))).toMatchObject({
      status: 404,
      code: "resource_not_found",
      param: "character_id",
    });
  });

  it("cancels a running synthesis when a synthesizing character is deleted", async () => {
    const { data: running } = await t.acme.characters.create({ name: "Cancelled", generate: true, attributes });
    await t.acme.characters.delete(running.id);
    expect(t.sandbox.state.scheduler.isPending(running.id)).toBe(false);
    await new Promise((r) => setTimeout(r, 150));
    expect(t.sandbox.state.store.peek(running.id)?.status).toBe("deleted");
    expect(listFiles(t.sandbox.dataDir).filter((f) => f.includes(running.id))).toEqual([]);
  });
});

describe("ref URLs", () => {
  it("are signed and expire: tampered → 401, expired → 403, both in the error envelope", async () => {
    const upload = await t.acme.uploads.upload(pngBytes(10, 10), { filename: "a.png" });
    const { data } = await t.acme.characters.create({ name: "Signed", upload_ids: [upload.upload_id] });
    const url = new URL(data.refs[0]!.url);
    expect(url.pathname).toBe(`/storage/refs/${data.id}/0`);

    const tampered = new URL(url);
    tampered.searchParams.set("token", "0".repeat(64));
    const bad = await fetch(tampered);
    expect(bad.status).toBe(401);
    const badBody = (await bad.json()) as { error: { code: string; request_id: string } };
    expect(badBody.error.code).toBe("signature_invalid");
    expect(bad.headers.get("aurous-request-id")).toBe(badBody.error.request_id);
    const otherIndex = new URL(url);
    otherIndex.pathname = `/storage/refs/${data.id}/1`;
    expect((await fetch(otherIndex)).status).toBe(401);

    t.clock.advance(26 * 3600 * 1000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe("ref_url_expired");
    // A fresh view of the character carries fresh URLs.
    const { data: fresh } = await t.acme.characters.get(data.id);
    expect((await fetch(fresh.refs[0]!.url)).status).toBe(200);
  });
});
