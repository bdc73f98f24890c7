// Image generations end to end through @aurous/client: a character from an upload anchors a
// generation that runs, holds then charges credits, and serves its rendered outputs behind signed,
// expiring URLs; cancel rules, the cursors of the history, the estimate, and every documented error
// of the six operations that the sandbox decides.
import type { Generation } from "@aurous/client";
import { PNG } from "pngjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_TEAM_IDS } from "../../src/config/demo.js";
import { FAIL_TOKEN } from "../../src/generations/fail-trigger.js";
import { OUTPUT_TTL_MS } from "../../src/generations/output-url.js";
import { pngBytes } from "../helpers/images.js";
import { DEMO_KEYS, errorOf, startSandbox, stopSandbox, type TestSandbox } from "../helpers/sandbox.js";

const ACME = DEMO_TEAM_IDS.acme;
const TERMINAL = ["succeeded", "failed", "cancelled"];

/** Generations finish in 60 ms here. */
let t: TestSandbox;
/** Generations never finish here (10 minutes): pending states and holds stay observable. */
let slow: TestSandbox;
beforeAll(async () => {
  [t, slow] = await Promise.all([
    startSandbox({ generationDelayMs: 60 }),
    startSandbox({ generationDelayMs: 600_000 }),
  ]);
});
afterAll(async () => {
  await stopSandbox(t);
  await stopSandbox(slow);
});
// Full rate-limit buckets for every test (images_post holds 120 tokens).
beforeEach(() => {
  t.clock.advance(120_000);
  slow.clock.advance(120_000);
});

async function settled(sandbox: TestSandbox, id: string): Promise<Generation> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { data } = await sandbox.acme.images.get(id);
    if (TERMINAL.includes(data.status)) return data;
    if (Date.now() > deadline) throw new Error(`generation ${id} did not end`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A ready character of Acme's from one uploaded PNG (plain, so its colour is easy to find). */
async function readyCharacter(sandbox: TestSandbox, name = "Aurora"): Promise<string> {
  const upload = await sandbox.acme.uploads.upload(pngBytes(300, 600), { filename: "front.png" });
  const { data } = await sandbox.acme.characters.create({ name, upload_ids: [upload.upload_id] });
  expect(data.status).toBe("ready");
  return data.id;
}

async function fetchOutput(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("a generation anchored on a character", () => {
  it("holds the price at submit, runs, charges on success and serves its PNGs", async () => {
    const characterId = await readyCharacter(t);
    const before = (await t.acme.balance.get()).data;
    expect(before).toMatchObject({ held_credits: 0 });

    const { data: created, response } = await t.acme.images.create({
      prompt: "Walking through a night market, neon light",
      character_id: characterId,
      size: "2k_16_9",
      count: 2,
      enhance_prompt: true,
      seed: 42,
    });
    expect(response.status).toBe(201);
    expect(created).toMatchObject({
      object: "inference",
      status: "pending",
      media_type: "image",
      output_urls: [],
      cost: { amount: 4, currency: "credit", breakdown: { base: 2, enhance: 2 } },
      width: 2048,
      height: 1152,
      image_count: 2,
      size_preset: "2k_16_9",
      inference_type: "i2i",
      denoise_strength: 0.6,
      seed: 42,
      character_id: characterId,
      loras: null,
      aurous_version: "2026-05-15",
      creation_request_id: response.headers.get("aurous-request-id"),
      completed_at: null,
      duration_ms: null,
    });
    expect(created.id).toMatch(/^img_/);
    expect(created.reference_image_urls).toEqual([expect.stringContaining(`/storage/refs/${characterId}/0?`)]);

    const done = await settled(t, created.id);
    expect(done).toMatchObject({ status: "succeeded", cost: { amount: 4 }, error_message: null });
    expect(Date.parse(done.completed_at!)).toBeGreaterThanOrEqual(Date.parse(done.created_at));
    expect(done.duration_ms).toBeGreaterThanOrEqual(0);
    expect(done.output_urls).toHaveLength(2);
    expect((await t.acme.balance.get()).data).toEqual({
      ...before,
      credits: before.credits - 4,
      available_credits: before.available_credits - 4,
      held_credits: 0,
    });
    expect(t.balance(ACME)).toBe(before.credits - 4);

    // Each URL is the output proxy with a token; with the API key it serves the PNG.
    for (const [n, url] of done.output_urls.entries()) {
      expect(url.startsWith(`${t.origin}/v1/images/${done.id}/output/${n}?token=`)).toBe(true);
      const { response: got, bytes } = await fetchOutput(url, { "X-Api-Key": DEMO_KEYS.acmeFull });
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("image/png");
      expect(got.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
      const maxAge = Number(got.headers.get("cache-control")!.split("=")[1]);
      expect(maxAge).toBeGreaterThan(OUTPUT_TTL_MS / 1000 - 60);
      expect(maxAge).toBeLessThanOrEqual(OUTPUT_TTL_MS / 1000);
      const png = PNG.sync.read(bytes);
      expect([png.width, png.height]).toEqual([512, 288]); // 2048 × 1152, scaled down
      // The character's ref (pngBytes fills every channel with 200) is pasted in the middle.
      const i = (Math.floor(png.height * 0.6) * png.width + png.width / 2) * 4;
      expect([...png.data.subarray(i, i + 3)]).toEqual([200, 200, 200]);
    }
  });

  it("holds while running: available drops, credits do not; cancel releases the hold", async () => {
    const characterId = await readyCharacter(slow);
    const before = (await slow.acme.balance.get()).data;
    const { data: created } = await slow.acme.images.create({ prompt: "x", character_id: characterId, count: 3 });
    expect((await slow.acme.balance.get()).data).toMatchObject({
      credits: before.credits,
      held_credits: 3,
      available_credits: before.available_credits - 3,
    });
    expect((await slow.acme.images.get(created.id)).data).toMatchObject({ status: "pending", cost: { amount: 3 } });

    const { data: cancelled } = await slow.acme.images.cancel(created.id);
    expect(cancelled).toMatchObject({
      id: created.id,
      status: "cancelled",
      output_urls: [],
      cost: { amount: 0, breakdown: { base: 0, enhance: 0 } },
    });
    expect(cancelled.completed_at).not.toBeNull();
    expect((await slow.acme.balance.get()).data).toEqual(before);
    // Cancelling again answers the same.
    expect((await slow.acme.images.cancel(created.id)).data).toEqual(cancelled);
    expect((await slow.acme.balance.get()).data).toEqual(before);
  });

  it("replays a retried submit with the same Idempotency-Key instead of holding twice", async () => {
    const before = (await slow.acme.balance.get()).data;
    const key = `test-${Date.now()}`;
    const first = await slow.acme.images.create({ prompt: "same" }, { idempotencyKey: key });
    const again = await slow.acme.images.create({ prompt: "same" }, { idempotencyKey: key });
    expect(again.data.id).toBe(first.data.id);
    expect((await slow.acme.balance.get()).data.held_credits).toBe(before.held_credits + 1);
    await slow.acme.images.cancel(first.data.id);
  });
});

describe("generations that end otherwise", () => {
  it("a prompt with the failure trigger fails and releases its hold", async () => {
    const before = (await t.acme.balance.get()).data;
    const { data } = await t.acme.images.create({ prompt: `A cat ${FAIL_TOKEN}` });
    const failed = await settled(t, data.id);
    expect(failed).toMatchObject({
      status: "failed",
      output_urls: [],
      cost: { amount: 0 },
      error_message: expect.stringMatching(/^generation_provider_error: /),
      inference_type: "t2i",
      character_id: null,
      reference_image_urls: null,
    });
    expect((await t.acme.balance.get()).data).toEqual(before);

    expect(await errorOf(t.acme.images.cancel(data.id))).toMatchObject({
      status: 400,
      code: "generation_not_cancellable",
      param: "id",
    });
    const noOutput = await fetchOutput(`${t.origin}/v1/images/${data.id}/output/0`, {
      "X-Api-Key": DEMO_KEYS.acmeFull,
    });
    expect(noOutput.response.status).toBe(422);
    expect(JSON.parse(noOutput.bytes.toString()).error).toMatchObject({ code: "output_not_available" });
  });

  it("a succeeded generation cannot be cancelled", async () => {
    const { data } = await t.acme.images.create({ prompt: "A lighthouse", lora_id: "ink-sketch" });
    const done = await settled(t, data.id);
    expect(done.loras).toEqual([{ id: "lora_01J00000000000000000NK1NE", name: "Ink Sketch" }]);
    expect(done.denoise_strength).toBeNull();
    expect(await errorOf(t.acme.images.cancel(data.id))).toMatchObject({
      status: 400,
      code: "generation_not_cancellable",
      param: "id",
    });
  });
});

describe("create and estimate refusals", () => {
  it("refuses characters that are unknown, another team's, not ready or deleted", async () => {
    const mine = await readyCharacter(t, "Mine");
    const theirs = (await t.globex.characters.create({ name: "Theirs", generate: true, attributes: { age: 30 } })).data;
    const synthesizing = (await t.acme.characters.create({ name: "Busy", generate: true, attributes: { age: 30 } }))
      .data;
    await t.acme.characters.delete(mine);
    const before = (await t.acme.balance.get()).data;

    for (const call of [
      (body: { prompt: string; character_id: string }) => t.acme.images.create(body),
      (body: { prompt: string; character_id: string }) => t.acme.images.estimate(body),
    ]) {
      for (const id of ["char_unknown", theirs.id]) {
        expect(await errorOf(call({ prompt: "x", character_id: id }))).toMatchObject({
          status: 404,
          code: "resource_not_found",
          param: "character_id",
        });
      }
      expect(await errorOf(call({ prompt: "x", character_id: synthesizing.id }))).toMatchObject({
        status: 400,
        code: "character_not_ready",
        param: "character_id",
      });
      expect(await errorOf(call({ prompt: "x", character_id: mine }))).toMatchObject({
        status: 400,
        code: "character_not_ready",
        param: "character_id",
      });
    }
    expect((await t.acme.balance.get()).data).toEqual(before);
  });

  it("refuses unknown styles and file references, naming the field", async () => {
    for (const call of [t.acme.images.create.bind(t.acme.images), t.acme.images.estimate.bind(t.acme.images)]) {
      expect(await errorOf(call({ prompt: "x", lora_id: "lora_nope" }))).toMatchObject({
        status: 404,
        code: "resource_not_found",
        param: "lora_id",
      });
      expect(
        await errorOf(call({ prompt: "x", reference_image_urls: ["https://example.com/a.png", "file_abc123"] })),
      ).toMatchObject({ status: 404, code: "resource_not_found", param: "reference_image_urls[1]" });
    }
  });

  it("refuses two sources of references", async () => {
    const characterId = await readyCharacter(t);
    const body = { prompt: "x", character_id: characterId, reference_image_urls: ["https://example.com/a.png"] };
    expect(await errorOf(t.acme.images.create(body))).toMatchObject({
      status: 400,
      code: "mutually_exclusive_input",
      param: "reference_image_urls",
    });
    expect(await errorOf(t.acme.images.estimate(body))).toMatchObject({
      status: 400,
      code: "mutually_exclusive_input",
    });
  });

  it("refuses a size given twice and half a custom size", async () => {
    for (const call of [t.acme.images.create.bind(t.acme.images), t.acme.images.estimate.bind(t.acme.images)]) {
      expect(await errorOf(call({ prompt: "x", size: "2k_1_1", width: 1024, height: 1024 }))).toMatchObject({
        status: 400,
        code: "parameter_invalid_combination",
        param: "size",
      });
      expect(await errorOf(call({ prompt: "x", width: 1024 }))).toMatchObject({
        status: 400,
        code: "missing_field",
        param: "height",
      });
    }
  });

  it("answers 402 balance_too_low when the available credits are short, holding nothing", async () => {
    const before = (await t.shoestring.balance.get()).data;
    expect(before.available_credits).toBe(3);
    expect(await errorOf(t.shoestring.images.create({ prompt: "x", count: 4 }))).toMatchObject({
      status: 402,
      code: "balance_too_low",
    });
    expect((await t.shoestring.balance.get()).data).toEqual(before);
    expect((await t.shoestring.images.list()).data.data).toEqual([]);
    // The estimate does not look at the balance.
    expect((await t.shoestring.images.estimate({ prompt: "x", count: 4 })).data).toEqual({
      object: "estimate",
      estimated_cost: { amount: 4, breakdown: { base: 4, enhance: 0 } },
      currency: "credit",
    });
  });

  it("estimates the price without holding or queueing anything", async () => {
    const before = (await t.acme.balance.get()).data;
    const listed = (await t.acme.images.list({ limit: 100 })).data.data.length;
    const { data, response } = await t.acme.images.estimate({ prompt: "x", enhance_prompt: true });
    expect(response.status).toBe(200);
    expect(data).toEqual({
      object: "estimate",
      estimated_cost: { amount: 2, breakdown: { base: 1, enhance: 1 } },
      currency: "credit",
    });
    expect((await t.acme.balance.get()).data).toEqual(before);
    expect((await t.acme.images.list({ limit: 100 })).data.data).toHaveLength(listed);
  });
});

describe("retrieve, list and cancel are team-scoped", () => {
  it("another team's generation and an unknown id are 404 on get, cancel and output", async () => {
    const { data } = await slow.acme.images.create({ prompt: "private" });
    for (const id of [data.id, "img_unknown"]) {
      expect(await errorOf(slow.globex.images.get(id))).toMatchObject({
        status: 404,
        code: "resource_not_found",
        param: "id",
      });
      expect(await errorOf(slow.globex.images.cancel(id))).toMatchObject({ status: 404, code: "resource_not_found" });
      const output = await fetchOutput(`${slow.origin}/v1/images/${id}/output/0`, {
        "X-Api-Key": DEMO_KEYS.globexFull,
      });
      expect(output.response.status).toBe(404);
    }
    expect((await slow.globex.images.list()).data.data.map((g) => g.id)).not.toContain(data.id);
    await slow.acme.images.cancel(data.id);
  });

  it("pages newest first with starting_after, ending_before, has_more and next_cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await slow.globex.images.create({ prompt: `p${i}` })).data.id);
    const page = async (query: { limit: number; starting_after?: string; ending_before?: string }) => {
      const { data } = await slow.globex.images.list(query);
      return { ids: data.data.map((g) => g.id), has_more: data.has_more, next_cursor: data.next_cursor };
    };
    expect(await page({ limit: 2 })).toEqual({ ids: [ids[4], ids[3]], has_more: true, next_cursor: ids[3] });
    expect(await page({ limit: 2, starting_after: ids[3]! })).toEqual({
      ids: [ids[2], ids[1]],
      has_more: true,
      next_cursor: ids[1],
    });
    expect(await page({ limit: 2, starting_after: ids[1]! })).toEqual({
      ids: [ids[0]],
      has_more: false,
      next_cursor: null,
    });
    expect(await page({ limit: 2, ending_before: ids[0]! })).toEqual({
      ids: [ids[2], ids[1]],
      has_more: true,
      next_cursor: ids[2],
    });
    expect(await page({ limit: 2, ending_before: ids[2]! })).toEqual({
      ids: [ids[4], ids[3]],
      has_more: false,
      next_cursor: null,
    });
    expect(await errorOf(slow.globex.images.list({ starting_after: ids[3]!, ending_before: ids[1]! }))).toMatchObject({
      status: 400,
      code: "parameter_invalid_combination",
      param: "ending_before",
    });
    for (const id of ids) await slow.globex.images.cancel(id);
  });
});

describe("outputs", () => {
  it("refuses an output of a generation that has not finished, and an n past its images", async () => {
    const { data } = await slow.acme.images.create({ prompt: "x", count: 2 });
    const headers = { "X-Api-Key": DEMO_KEYS.acmeFull };
    const pending = await fetchOutput(`${slow.origin}/v1/images/${data.id}/output/0`, headers);
    expect(pending.response.status).toBe(422);
    expect(JSON.parse(pending.bytes.toString()).error).toMatchObject({ code: "output_not_available" });
    const past = await fetchOutput(`${slow.origin}/v1/images/${data.id}/output/2`, headers);
    expect(past.response.status).toBe(404);
    expect(JSON.parse(past.bytes.toString()).error).toMatchObject({ code: "resource_not_found", param: "n" });
    await slow.acme.images.cancel(data.id);
  });

  it("load with the URL's token alone; a token that does not match the URL is 401 signature_invalid", async () => {
    const { data } = await t.acme.images.create({ prompt: "tokens", count: 2 });
    const done = await settled(t, data.id);
    const [first, second] = done.output_urls as [string, string];
    const withKey = await fetchOutput(first, { "X-Api-Key": DEMO_KEYS.acmeFull });
    const withToken = await fetchOutput(first);
    expect(withToken.response.status).toBe(200);
    expect(withToken.response.headers.get("content-type")).toBe("image/png");
    expect(withToken.bytes.equals(withKey.bytes)).toBe(true);
    expect((await fetchOutput(second)).bytes.equals(withKey.bytes)).toBe(false);

    const token = new URL(first).searchParams.get("token")!;
    const tampered = `${token.slice(0, -1)}${token.endsWith("0") ? "1" : "0"}`;
    const refusals = [
      `${t.origin}/v1/images/${done.id}/output/0?token=${tampered}`,
      `${t.origin}/v1/images/${done.id}/output/1?token=${token}`, // output 0's token on output 1
    ];
    for (const url of refusals) {
      const refused = await fetchOutput(url);
      expect(refused.response.status).toBe(401);
      expect(JSON.parse(refused.bytes.toString()).error).toMatchObject({ code: "signature_invalid" });
    }
    const bare = await fetchOutput(`${t.origin}/v1/images/${done.id}/output/0`);
    expect(bare.response.status).toBe(401);
    expect(JSON.parse(bare.bytes.toString()).error).toMatchObject({ code: "missing_api_key" });
  });

  it("the client's helpers drive them: createAndWait, downloadAll, listAll, and the 422 as an error", async () => {
    const { data: done } = await t.acme.images.createAndWait({ prompt: "helpers", count: 2 }, { intervalMs: 20 });
    expect(done.status).toBe("succeeded");
    const downloaded = await t.acme.images.downloadAll(done);
    expect(downloaded).toHaveLength(2);
    for (const [n, url] of done.output_urls.entries()) {
      const { bytes } = await fetchOutput(url);
      expect(Buffer.from(downloaded[n]!).equals(bytes)).toBe(true);
    }
    const seen: string[] = [];
    for await (const generation of t.acme.images.listAll({ limit: 2 })) seen.push(generation.id);
    expect(seen[0]).toBe(done.id);
    expect(new Set(seen).size).toBe(seen.length);

    const { data: pending } = await slow.acme.images.create({ prompt: "not yet" });
    expect(await errorOf(slow.acme.images.download(pending.id, 0))).toMatchObject({
      status: 422,
      code: "output_not_available",
    });
    await slow.acme.images.cancel(pending.id);
  });

  it("expire 24 hours after the generation: 410 output_expired", async () => {
    const { data } = await t.acme.images.create({ prompt: "short-lived" });
    const done = await settled(t, data.id);
    const headers = { "X-Api-Key": DEMO_KEYS.acmeFull };
    expect((await fetchOutput(done.output_urls[0]!, headers)).response.status).toBe(200);
    t.clock.advance(OUTPUT_TTL_MS + 1000);
    for (const expired of [await fetchOutput(done.output_urls[0]!, headers), await fetchOutput(done.output_urls[0]!)]) {
      expect(expired.response.status).toBe(410);
      expect(JSON.parse(expired.bytes.toString()).error).toMatchObject({ code: "output_expired" });
    }
  });
});
