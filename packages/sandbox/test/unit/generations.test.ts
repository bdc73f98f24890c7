// The generation service on its own: checks the schema cannot make, the price and its hold, the
// state machine and its timers, cancel rules, list cursors and the outputs' expiry.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CreateImageRequest } from "@aurous/server-stubs";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findLora } from "../../src/catalog/loras.js";
import type { CharacterRecord } from "../../src/characters/model.js";
import { CharacterStore } from "../../src/characters/store.js";
import { ManualClock } from "../../src/clock.js";
import { newSecret } from "../../src/crypto.js";
import { FAIL_TOKEN, GENERATION_FAIL_MESSAGE } from "../../src/generations/fail-trigger.js";
import type { GenerationRecord } from "../../src/generations/model.js";
import { OUTPUT_TTL_MS, OutputUrlSigner } from "../../src/generations/output-url.js";
import { MAX_RENDER_SIDE, renderOutput } from "../../src/generations/render.js";
import { imagePrice, outputSize } from "../../src/generations/request.js";
import { GenerationService } from "../../src/generations/service.js";
import { GenerationStore } from "../../src/generations/store.js";
import { generationView } from "../../src/generations/view.js";
import { newId } from "../../src/ids.js";
import { RefUrlSigner } from "../../src/refs/signed-url.js";
import { BlobStore } from "../../src/storage/blob-store.js";
import { Scheduler } from "../../src/synthesis/scheduler.js";
import { CreditLedger } from "../../src/teams/ledger.js";
import { until } from "../helpers/wait.js";

const DELAY = 20;
const REQUEST = { requestId: "req_01JCN8ZK5W3T6Q9RVX2YBHMDEA", version: "2026-05-15" };
const RED: readonly [number, number, number] = [230, 20, 20];

let root: string;
let blobs: BlobStore;
let ledger: CreditLedger;
let scheduler: Scheduler;
let clock: ManualClock;
let characters: CharacterStore;
let store: GenerationStore;
let service: GenerationService;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "sandbox-gens-"));
  blobs = new BlobStore(root);
  ledger = new CreditLedger([
    ["A", 100],
    ["B", 100],
    ["poor", 1],
  ]);
  scheduler = new Scheduler();
  clock = new ManualClock(Date.parse("2026-06-01T12:00:00Z"));
  characters = new CharacterStore();
  store = new GenerationStore();
  service = new GenerationService({
    store,
    characters,
    ledger,
    scheduler,
    blobs,
    clock,
    generationDelayMs: DELAY,
    randomSeed: () => 7,
  });
});
afterEach(async () => {
  await scheduler.close();
  rmSync(root, { recursive: true, force: true });
});

function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const create = (body: CreateImageRequest, team = "A") => service.create(team, body, REQUEST);

/** Waits until the generation has left pending and processing, and its job has finished. */
async function settle(record: GenerationRecord): Promise<void> {
  await until(() => record.status !== "pending" && record.status !== "processing", 5000, "generation");
  await scheduler.idle();
}

/** A character of `team` in `status` whose one ref is a plain red PNG. */
async function character(team: string, status: CharacterRecord["status"] = "ready"): Promise<CharacterRecord> {
  const id = newId("char");
  const png = new PNG({ width: 40, height: 80 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([...RED, 255], i);
  await blobs.put(`refs/${id}/0.png`, PNG.sync.write(png));
  const record: CharacterRecord = {
    id,
    teamId: team,
    name: "Red",
    status,
    refs: [{ pose: "front", blobKey: `refs/${id}/0.png`, contentType: "image/png" }],
    createdAt: clock.now(),
    updatedAt: clock.now(),
    clientReferenceId: null,
    attributes: null,
    errorMessage: null,
    aurousVersion: "2026-05-15",
    generation: 0,
    published: true,
  };
  characters.add(record);
  return record;
}

describe("sizes and prices", () => {
  it("snaps custom sizes to multiples of 32, maps presets to their tier and ratio, defaults to 1024²", () => {
    expect(outputSize({})).toEqual({ width: 1024, height: 1024, preset: null });
    expect(outputSize({ width: 1040, height: 1100 })).toEqual({ width: 1056, height: 1088, preset: null });
    expect(outputSize({ size: "2k_16_9" })).toEqual({ width: 2048, height: 1152, preset: "2k_16_9" });
    expect(outputSize({ size: "4k_9_16" })).toEqual({ width: 2304, height: 4096, preset: "4k_9_16" });
    expect(outputSize({ size: "2k_21_9" })).toEqual({ width: 2048, height: 864, preset: "2k_21_9" });
    expect(outputSize({ size: "4k_1_1" })).toEqual({ width: 4096, height: 4096, preset: "4k_1_1" });
  });

  it("prices from the spec: 1 per image, 2 with enhance_prompt, times count", () => {
    expect(imagePrice({ prompt: "x" })).toEqual({ amount: 1, base: 1, enhance: 0 });
    expect(imagePrice({ prompt: "x", enhance_prompt: true })).toEqual({ amount: 2, base: 1, enhance: 1 });
    expect(imagePrice({ prompt: "x", count: 3 })).toEqual({ amount: 3, base: 3, enhance: 0 });
    expect(imagePrice({ prompt: "x", count: 4, enhance_prompt: true })).toEqual({ amount: 8, base: 4, enhance: 4 });
  });
});

describe("create and estimate", () => {
  it("holds the price, starts pending and records what was asked", () => {
    const record = value(create({ prompt: "A lighthouse", count: 2, enhance_prompt: true, size: "2k_16_9" }));
    expect(record).toMatchObject({
      status: "pending",
      teamId: "A",
      price: { amount: 4, base: 2, enhance: 2 },
      width: 2048,
      height: 1152,
      sizePreset: "2k_16_9",
      count: 2,
      inferenceType: "t2i",
      denoiseStrength: null,
      seed: 7,
      lora: null,
      creationRequestId: REQUEST.requestId,
      aurousVersion: REQUEST.version,
    });
    expect(record.id).toMatch(/^img_[0-9A-Z]{26}$/);
    expect(ledger.holdAmount(record.holdId!)).toBe(4);
    expect([ledger.balance("A"), ledger.held("A"), ledger.available("A")]).toEqual([100, 4, 96]);
  });

  it("answers 402 balance_too_low against available credits and holds nothing", () => {
    expect(value(create({ prompt: "one" }, "poor")).status).toBe("pending"); // holds the only credit
    const refused = create({ prompt: "two" }, "poor");
    expect(refused).toMatchObject({ ok: false, status: 402, code: "balance_too_low", param: null });
    expect(ledger.held("poor")).toBe(1);
    expect(store.list({ teamId: "poor", limit: 10 }).data).toHaveLength(1);
  });

  it("anchors on a ready character of the team: image-to-image, its style default denoise", async () => {
    const char = await character("A");
    const lora = findLora("golden-hour")!;
    const record = value(create({ prompt: "x", character_id: char.id, lora_id: "golden-hour" }));
    expect(record).toMatchObject({
      characterId: char.id,
      characterRefCount: 1,
      inferenceType: "i2i",
      denoiseStrength: lora.default_denoise_strength,
      lora: { id: lora.id, name: lora.name },
    });
    const explicit = value(create({ prompt: "x", character_id: char.id, denoise_strength: 0.25 }));
    expect(explicit.denoiseStrength).toBe(0.25);
    expect(value(create({ prompt: "x", reference_image_urls: ["https://e.example/a.png"] }))).toMatchObject({
      inferenceType: "i2i",
      denoiseStrength: 0.6,
      referenceUrls: ["https://e.example/a.png"],
    });
  });

  it("refuses unknown, foreign and unusable characters the documented way", async () => {
    const foreign = await character("B");
    const reviewing = await character("A", "reviewing");
    const deleted = await character("A", "deleted");
    expect(create({ prompt: "x", character_id: "char_nope" })).toMatchObject({
      status: 404,
      code: "resource_not_found",
      param: "character_id",
    });
    expect(create({ prompt: "x", character_id: foreign.id })).toMatchObject({ status: 404, param: "character_id" });
    expect(create({ prompt: "x", character_id: reviewing.id })).toMatchObject({
      status: 400,
      code: "character_not_ready",
      param: "character_id",
    });
    expect(create({ prompt: "x", character_id: deleted.id })).toMatchObject({
      status: 400,
      code: "character_not_ready",
    });
    expect(ledger.held("A")).toBe(0);
  });

  it("refuses unknown styles and file references; picks a style the prompt names", () => {
    expect(create({ prompt: "x", lora_id: "lora_unknown" })).toMatchObject({
      status: 404,
      code: "resource_not_found",
      param: "lora_id",
    });
    expect(create({ prompt: "x", reference_image_urls: ["https://e.example/a.png", "file_abc"] })).toMatchObject({
      status: 404,
      code: "resource_not_found",
      param: "reference_image_urls[1]",
    });
    expect(value(create({ prompt: "a harbour in ink sketch" })).lora?.name).toBe("Ink Sketch");
    expect(ledger.held("A")).toBe(1);
  });

  it("estimates with the same checks and holds nothing", () => {
    expect(value(service.estimate("poor", { prompt: "x", count: 4, enhance_prompt: true }))).toEqual({
      amount: 8,
      base: 4,
      enhance: 4,
    });
    expect(service.estimate("A", { prompt: "x", lora_id: "nope" })).toMatchObject({ status: 404, param: "lora_id" });
    expect(ledger.held("poor")).toBe(0);
    expect(store.list({ teamId: "poor", limit: 10 }).data).toHaveLength(0);
  });
});

describe("running", () => {
  it("goes pending → processing → succeeded, commits the hold and stores real PNGs", async () => {
    const record = value(create({ prompt: "Dunes", count: 2, size: "2k_16_9" }));
    await until(() => record.status === "processing", 5000, "processing");
    expect(ledger.held("A")).toBe(2);
    await settle(record);
    expect(record.status).toBe("succeeded");
    expect(record.completedAt).toBe(clock.now());
    expect([ledger.balance("A"), ledger.held("A"), ledger.available("A")]).toEqual([98, 0, 98]);
    expect(record.outputs).toHaveLength(2);
    const [first, second] = await Promise.all(record.outputs.map((k) => blobs.get(k)));
    const png = PNG.sync.read(first!);
    expect([png.width, png.height]).toEqual([MAX_RENDER_SIDE, 288]);
    expect(first!.equals(second!)).toBe(false);
  });

  it("renders the character into its outputs", async () => {
    const char = await character("A");
    const record = value(create({ prompt: "x", character_id: char.id }));
    await settle(record);
    const png = PNG.sync.read((await blobs.get(record.outputs[0]!))!);
    const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
    // The ref (plain red) is pasted in the lower middle.
    expect(at(png.width / 2, Math.floor(png.height * 0.6))).toEqual([...RED]);
    const plain = PNG.sync.read(renderOutput({ width: 1024, height: 1024, seed: `7:x`, index: 0 }));
    expect(plain.data.equals(png.data)).toBe(false);
  });

  it("fails on the trigger word: releases the hold and says why", async () => {
    const record = value(create({ prompt: `A cat ${FAIL_TOKEN}` }));
    await settle(record);
    expect(record).toMatchObject({ status: "failed", errorMessage: GENERATION_FAIL_MESSAGE, outputs: [] });
    expect(GENERATION_FAIL_MESSAGE).toMatch(/^generation_provider_error: /);
    expect([ledger.balance("A"), ledger.held("A")]).toEqual([100, 0]);
  });
});

describe("cancel", () => {
  it("cancels pending and processing generations, releasing the hold and stopping the timer", async () => {
    const pending = value(create({ prompt: "a" }));
    const processing = value(create({ prompt: "b", count: 2 }));
    await until(() => processing.status === "processing", 5000, "processing");
    expect(ledger.held("A")).toBe(3);
    expect(value(service.cancel("A", pending.id)).status).toBe("cancelled");
    expect(value(service.cancel("A", processing.id)).status).toBe("cancelled");
    expect([ledger.balance("A"), ledger.held("A")]).toEqual([100, 0]);
    expect(scheduler.isPending(pending.id) || scheduler.isPending(processing.id)).toBe(false);
    await new Promise((r) => setTimeout(r, DELAY * 2));
    await scheduler.idle();
    expect([pending.status, processing.status]).toEqual(["cancelled", "cancelled"]);
    expect(processing.outputs).toEqual([]);
    expect(ledger.balance("A")).toBe(100);
  });

  it("a second cancel answers the same; ended generations cannot be cancelled; others' are unknown", async () => {
    const running = value(create({ prompt: "a" }));
    value(service.cancel("A", running.id));
    const again = service.cancel("A", running.id);
    expect(again).toEqual({ ok: true, value: running });
    expect(ledger.balance("A")).toBe(100);

    const done = value(create({ prompt: "b" }));
    const failed = value(create({ prompt: FAIL_TOKEN }));
    await settle(done);
    await settle(failed);
    expect(service.cancel("A", done.id)).toMatchObject({
      status: 400,
      code: "generation_not_cancellable",
      param: "id",
      message: expect.stringContaining("succeeded"),
    });
    expect(service.cancel("A", failed.id)).toMatchObject({ status: 400, code: "generation_not_cancellable" });
    expect(service.cancel("B", done.id)).toMatchObject({ status: 404, code: "resource_not_found", param: "id" });
    expect(service.cancel("A", "img_nope")).toMatchObject({ status: 404 });
    expect(ledger.balance("A")).toBe(99);
  });
});

describe("get and list", () => {
  it("is team-scoped", () => {
    const mine = value(create({ prompt: "a" }));
    expect(value(service.get("A", mine.id))).toBe(mine);
    expect(service.get("B", mine.id)).toMatchObject({ status: 404, code: "resource_not_found", param: "id" });
    expect(value(service.list({ teamId: "B", limit: 20 })).data).toEqual([]);
  });

  it("pages newest first both ways, with has_more and next_cursor in the direction walked", () => {
    const ids = Array.from({ length: 7 }, (_, i) => value(create({ prompt: `p${i}` })).id); // oldest first
    const page = (q: { limit: number; startingAfter?: string; endingBefore?: string }) => {
      const p = value(service.list({ teamId: "A", ...q }));
      return { ids: p.data.map((r) => r.id), hasMore: p.hasMore, next: p.nextCursor };
    };
    expect(page({ limit: 3 })).toEqual({ ids: [ids[6], ids[5], ids[4]], hasMore: true, next: ids[4] });
    expect(page({ limit: 3, startingAfter: ids[4] })).toEqual({
      ids: [ids[3], ids[2], ids[1]],
      hasMore: true,
      next: ids[1],
    });
    expect(page({ limit: 3, startingAfter: ids[1] })).toEqual({ ids: [ids[0]], hasMore: false, next: null });
    // Forward: the rows just newer than the cursor, still newest first.
    expect(page({ limit: 2, endingBefore: ids[1] })).toEqual({ ids: [ids[3], ids[2]], hasMore: true, next: ids[3] });
    expect(page({ limit: 2, endingBefore: ids[3] })).toEqual({ ids: [ids[5], ids[4]], hasMore: true, next: ids[5] });
    expect(page({ limit: 2, endingBefore: ids[5] })).toEqual({ ids: [ids[6]], hasMore: false, next: null });
    expect(page({ limit: 2, endingBefore: ids[6] })).toEqual({ ids: [], hasMore: false, next: null });
    // An unknown cursor is a position, as in the characters' list.
    expect(page({ limit: 10, startingAfter: "img_0" }).ids).toEqual([]);
    expect(page({ limit: 10, startingAfter: "img_Z" }).ids).toHaveLength(7);
    expect(page({ limit: 10, endingBefore: "img_0" }).ids).toHaveLength(7);
    expect(service.list({ teamId: "A", limit: 5, startingAfter: ids[3], endingBefore: ids[1] })).toMatchObject({
      status: 400,
      code: "parameter_invalid_combination",
      param: "ending_before",
    });
  });
});

describe("outputs", () => {
  it("serves a succeeded generation's images for 24 hours, then 410; refuses the rest", async () => {
    const running = value(create({ prompt: "a", count: 2 }));
    expect(await service.output("A", running.id, 0)).toMatchObject({ status: 422, code: "output_not_available" });
    expect(await service.output("A", running.id, 2)).toMatchObject({ status: 404, param: "n" });
    await settle(running);
    const got = value(await service.output("A", running.id, 1));
    expect(got.bytes.equals((await blobs.get(running.outputs[1]!))!)).toBe(true);
    expect(got.expiresAt).toBe(running.completedAt! + OUTPUT_TTL_MS);
    expect(await service.output("B", running.id, 0)).toMatchObject({ status: 404, param: "id" });

    const failed = value(create({ prompt: FAIL_TOKEN }));
    await settle(failed);
    expect(await service.output("A", failed.id, 0)).toMatchObject({ status: 422, code: "output_not_available" });

    clock.advance(OUTPUT_TTL_MS - 1);
    expect((await service.output("A", running.id, 0)).ok).toBe(true);
    clock.advance(1);
    expect(await service.output("A", running.id, 0)).toMatchObject({ status: 410, code: "output_expired" });
    await service.evictExpired();
    expect(running.outputs).toEqual([]);
    expect(await blobs.get(`images/${running.id}/0.png`)).toBeNull();
    expect(await service.output("A", running.id, 0)).toMatchObject({ status: 410 });
  });
});

describe("output URLs and the view", () => {
  it("signs one URL per output that verifies only for its own generation and index", () => {
    const signer = new OutputUrlSigner(newSecret());
    const url = new URL(signer.url("http://h:1", "img_A1", 0, Date.parse("2026-06-02T12:00:00Z")));
    expect(url.pathname).toBe("/v1/images/img_A1/output/0");
    const token = url.searchParams.get("token")!;
    expect(token).toMatch(/^[0-9A-Za-z_.-]+$/);
    expect(token.startsWith(`${Date.parse("2026-06-02T12:00:00Z") / 1000}.`)).toBe(true);
    expect(signer.verify("img_A1", 0, token)).toBe(true);
    expect(signer.verify("img_A1", 1, token)).toBe(false);
    expect(signer.verify("img_A2", 0, token)).toBe(false);
    expect(
      signer.verify(
        "img_A1",
        0,
        token.replace(/^\d+/, (s) => String(Number(s) + 1)),
      ),
    ).toBe(false);
    const flipped = `${token.slice(0, -1)}${token.endsWith("0") ? "1" : "0"}`;
    expect(signer.verify("img_A1", 0, flipped)).toBe(false);
    expect(signer.verify("img_A1", 0, "abc")).toBe(false);
    expect(new OutputUrlSigner(newSecret()).verify("img_A1", 0, token)).toBe(false);
  });

  it("shows the held cost while running, the charge on success and 0 after a failure or cancel", async () => {
    const ctx = { outputs: new OutputUrlSigner(newSecret()), refs: new RefUrlSigner(newSecret()), origin: "http://h" };
    const char = await character("A");
    const ok = value(create({ prompt: "x", character_id: char.id, count: 2, enhance_prompt: true }));
    const running = generationView(ok, { ...ctx, nowMs: clock.now() });
    expect(running).toMatchObject({
      object: "inference",
      status: "pending",
      output_urls: [],
      cost: { amount: 4, currency: "credit", breakdown: { base: 2, enhance: 2 } },
      character_id: char.id,
      completed_at: null,
      duration_ms: null,
      image_count: 2,
      media_type: "image",
    });
    expect(running.reference_image_urls).toEqual([expect.stringMatching(`^http://h/storage/refs/${char.id}/0\\?`)]);
    clock.advance(1500);
    await settle(ok);
    const done = generationView(ok, { ...ctx, nowMs: clock.now() });
    expect(done).toMatchObject({ status: "succeeded", duration_ms: 1500, cost: { amount: 4 } });
    expect(done.output_urls).toEqual([
      expect.stringMatching(`^http://h/v1/images/${ok.id}/output/0\\?token=`),
      expect.stringMatching(`^http://h/v1/images/${ok.id}/output/1\\?token=`),
    ]);
    const token = new URL(done.output_urls[1]!).searchParams.get("token")!;
    expect(ctx.outputs.verify(ok.id, 1, token)).toBe(true);

    const cancelled = value(create({ prompt: "y" }));
    clock.advance(OUTPUT_TTL_MS * 2);
    value(service.cancel("A", cancelled.id));
    expect(generationView(cancelled, { ...ctx, nowMs: clock.now() })).toMatchObject({
      status: "cancelled",
      cost: { amount: 0, breakdown: { base: 0, enhance: 0 } },
      duration_ms: 86_400_000, // capped at the spec's maximum

      reference_image_urls: null,
      denoise_strength: null,
    });
  });
});
