// The image generations' rules, free of HTTP: the checks the schema cannot make, the price and its
// hold on the ledger, the state machine pending → processing → succeeded | failed (or cancelled on
// request), the rendered outputs and their expiry. Every check-and-change runs synchronously, so
// concurrent requests cannot interleave inside one.
import { randomInt } from "node:crypto";
import type { CreateImageRequest } from "@aurous/server-stubs";
import { findLora, loraForPrompt } from "../catalog/loras.js";
import type { CharacterStore } from "../characters/store.js";
import type { Clock } from "../clock.js";
import { type Failure, fail, ok, type Result } from "../failure.js";
import { newId } from "../ids.js";
import type { BlobStore } from "../storage/blob-store.js";
import type { Scheduler } from "../synthesis/scheduler.js";
import type { CreditLedger } from "../teams/ledger.js";
import { GENERATION_FAIL_MESSAGE, generationWantsFailure } from "./fail-trigger.js";
import type { GenerationRecord, Price } from "./model.js";
import { OUTPUT_TTL_MS } from "./output-url.js";
import { renderOutput } from "./render.js";
import { imagePrice, outputSize } from "./request.js";
import type { GenerationListQuery, GenerationPage, GenerationStore } from "./store.js";

/** The failures of this service; each handler may pass on only those its operation documents. */
export type NotFound = Failure<404, "resource_not_found">;
export type BadImageRequest =
  | Failure<400, "mutually_exclusive_input" | "parameter_invalid_combination" | "missing_field" | "character_not_ready">
  | NotFound;
export type BalanceTooLow = Failure<402, "balance_too_low">;
export type NotCancellable = Failure<400, "generation_not_cancellable">;
export type BadListQuery = Failure<400, "parameter_invalid_combination">;
export type OutputRefusal = NotFound | Failure<422, "output_not_available"> | Failure<410, "output_expired">;

/** Without `denoise_strength` or a style's default, an image-to-image generation keeps this much. */
export const DEFAULT_DENOISE_STRENGTH = 0.6;

export interface GenerationServiceDeps {
  store: GenerationStore;
  characters: CharacterStore;
  ledger: CreditLedger;
  scheduler: Scheduler;
  blobs: BlobStore;
  clock: Clock;
  /** How long a generation runs in all: half pending, half processing. */
  generationDelayMs: number;
  /** Seeds for requests that send none; random by default. */
  randomSeed?: () => number;
}

/** What a valid body resolves to: the same for the create and the estimate. */
interface Plan {
  price: Price;
  width: number;
  height: number;
  sizePreset: GenerationRecord["sizePreset"];
  characterId: string | null;
  characterRefCount: number;
  lora: { id: string; name: string; defaultDenoise: number | null } | null;
}

export interface Output {
  bytes: Buffer;
  /** When the output expires (epoch ms): 24 hours after the generation completed. */
  expiresAt: number;
}

function generationNotFound(): NotFound {
  return fail(404, "resource_not_found", "No generation with this id.", "id");
}

export class GenerationService {
  constructor(private readonly deps: GenerationServiceDeps) {}

  private now(): number {
    return this.deps.clock.now();
  }

  /**
   * The business rules of a create-image body. The runtime has checked its schema and its rules
   * between fields (one source of references, one way to size, width and height as a pair).
   */
  private plan(teamId: string, body: CreateImageRequest): Result<Plan, BadImageRequest> {
    let characterId: string | null = null;
    let characterRefCount = 0;
    if (body.character_id !== undefined) {
      const character = this.deps.characters.peek(body.character_id);
      if (!character || character.teamId !== teamId) {
        return fail(404, "resource_not_found", "No character with this id.", "character_id");
      }
      if (character.status !== "ready") {
        return fail(
          400,
          "character_not_ready",
          `Character ${character.id} is ${character.status}; only a ready character can be used.`,
          "character_id",
        );
      }
      characterId = character.id;
      characterRefCount = character.refs.length;
    }

    let lora: Plan["lora"] = null;
    const found = body.lora_id !== undefined ? findLora(body.lora_id) : loraForPrompt(body.prompt);
    if (body.lora_id !== undefined && !found) {
      return fail(404, "resource_not_found", "No style with this id or slug; see GET /v1/loras.", "lora_id");
    }
    if (found) lora = { id: found.id, name: found.name, defaultDenoise: found.default_denoise_strength ?? null };

    // The sandbox has no Files API: a file_… reference names nothing.
    const file = (body.reference_image_urls ?? []).findIndex((ref) => ref.startsWith("file_"));
    if (file >= 0) {
      return fail(404, "resource_not_found", "No file with this id.", `reference_image_urls[${file}]`);
    }

    const size = outputSize(body);
    return ok({
      price: imagePrice(body),
      width: size.width,
      height: size.height,
      sizePreset: size.preset,
      characterId,
      characterRefCount,
      lora,
    });
  }

  /** What the body would cost; checked like a create, nothing held. */
  estimate(teamId: string, body: CreateImageRequest): Result<Price, BadImageRequest> {
    const plan = this.plan(teamId, body);
    return plan.ok ? ok(plan.value.price) : plan;
  }

  create(
    teamId: string,
    body: CreateImageRequest,
    request: { requestId: string; version: string },
  ): Result<GenerationRecord, BadImageRequest | BalanceTooLow> {
    const planned = this.plan(teamId, body);
    if (!planned.ok) return planned;
    const plan = planned.value;
    const held = this.deps.ledger.hold(teamId, plan.price.amount);
    if (!held.ok) {
      return fail(
        402,
        "balance_too_low",
        `This generation costs ${plan.price.amount} credits and ${held.available} ${held.available === 1 ? "is" : "are"} available.`,
      );
    }
    const now = this.now();
    const i2i = plan.characterId !== null || body.reference_image_urls !== undefined;
    const record: GenerationRecord = {
      id: newId("img"),
      teamId,
      status: "pending",
      prompt: body.prompt,
      negativePrompt: body.negative_prompt ?? null,
      createdAt: now,
      completedAt: null,
      errorMessage: null,
      price: plan.price,
      holdId: held.holdId,
      width: plan.width,
      height: plan.height,
      count: body.count ?? 1,
      sizePreset: plan.sizePreset,
      inferenceType: i2i ? "i2i" : "t2i",
      cfgRescale: body.cfg_rescale ?? 0,
      denoiseStrength: i2i ? (body.denoise_strength ?? plan.lora?.defaultDenoise ?? DEFAULT_DENOISE_STRENGTH) : null,
      seed: body.seed ?? (this.deps.randomSeed ?? (() => randomInt(0, 2 ** 32)))(),
      characterId: plan.characterId,
      characterRefCount: plan.characterRefCount,
      referenceUrls: body.reference_image_urls ? [...body.reference_image_urls] : null,
      lora: plan.lora ? { id: plan.lora.id, name: plan.lora.name } : null,
      aurousVersion: request.version,
      creationRequestId: request.requestId,
      outputs: [],
    };
    this.deps.store.add(record);
    this.schedule(record);
    return ok(record);
  }

  get(teamId: string, id: string): Result<GenerationRecord, NotFound> {
    const record = this.deps.store.find(teamId, id);
    return record ? ok(record) : generationNotFound();
  }

  list(query: GenerationListQuery): Result<GenerationPage, BadListQuery> {
    if (query.startingAfter !== undefined && query.endingBefore !== undefined) {
      return fail(
        400,
        "parameter_invalid_combination",
        "Send starting_after or ending_before, not both.",
        "ending_before",
      );
    }
    return ok(this.deps.store.list(query));
  }

  cancel(teamId: string, id: string): Result<GenerationRecord, NotFound | NotCancellable> {
    const record = this.deps.store.find(teamId, id);
    if (!record) return generationNotFound();
    if (record.status === "cancelled") return ok(record);
    if (record.status === "succeeded" || record.status === "failed") {
      return fail(
        400,
        "generation_not_cancellable",
        `Generation ${record.id} already ${record.status} and cannot be cancelled.`,
        "id",
      );
    }
    this.deps.scheduler.cancel(record.id);
    this.end(record, "cancelled");
    return ok(record);
  }

  /** The bytes of output `n`, for the team the request authenticated as (by key or by token). */
  async output(teamId: string, id: string, n: number): Promise<Result<Output, OutputRefusal>> {
    const record = this.deps.store.find(teamId, id);
    if (!record) return generationNotFound();
    if (n >= record.count) {
      const outputs = `${record.count} output${record.count === 1 ? "" : "s"}`;
      return fail(404, "resource_not_found", `Generation ${record.id} has ${outputs}; there is no output ${n}.`, "n");
    }
    if (record.status !== "succeeded" || record.completedAt === null) {
      const why = record.status === "pending" || record.status === "processing" ? "has not finished" : "has no output";
      return fail(422, "output_not_available", `Generation ${record.id} is ${record.status} and ${why}.`);
    }
    const expiresAt = record.completedAt + OUTPUT_TTL_MS;
    if (this.now() >= expiresAt) {
      return fail(
        410,
        "output_expired",
        `The outputs of ${record.id} expired at ${new Date(expiresAt).toISOString()}.`,
      );
    }
    const bytes = await this.deps.blobs.get(record.outputs[n]!);
    if (!bytes) throw new Error(`output ${n} of ${record.id} is missing from the blob store`);
    return ok({ bytes, expiresAt });
  }

  /** When a succeeded generation's outputs expire, or null if it has none. */
  expiresAt(record: GenerationRecord): number | null {
    return record.status === "succeeded" && record.completedAt !== null ? record.completedAt + OUTPUT_TTL_MS : null;
  }

  /** Deletes the bytes of outputs past their 24 hours (the records stay; their outputs answer 410). */
  async evictExpired(): Promise<void> {
    const now = this.now();
    const expired: string[] = [];
    for (const record of this.deps.store.all()) {
      const expiresAt = this.expiresAt(record);
      if (expiresAt !== null && now >= expiresAt && record.outputs.length > 0) {
        expired.push(...record.outputs);
        record.outputs = [];
      }
    }
    await Promise.all(expired.map((key) => this.deps.blobs.delete(key)));
  }

  private schedule(record: GenerationRecord): void {
    const half = Math.floor(this.deps.generationDelayMs / 2);
    this.deps.scheduler.schedule(record.id, half, () => {
      if (record.status !== "pending") return;
      record.status = "processing";
      this.deps.scheduler.schedule(record.id, this.deps.generationDelayMs - half, () => this.finish(record));
    });
  }

  private async finish(record: GenerationRecord): Promise<void> {
    if (record.status !== "processing") return; // cancelled meanwhile
    if (generationWantsFailure(record)) {
      this.end(record, "failed", GENERATION_FAIL_MESSAGE);
      return;
    }
    const reference = await this.referenceBytes(record);
    const keys = await Promise.all(
      Array.from({ length: record.count }, async (_, n) => {
        const key = `images/${record.id}/${n}.png`;
        const bytes = renderOutput({
          width: record.width,
          height: record.height,
          seed: `${record.seed}:${record.prompt}`,
          index: n,
          reference,
        });
        await this.deps.blobs.put(key, bytes);
        return key;
      }),
    );
    if (record.status !== "processing") {
      // Cancelled while the images were being written: they are not its outputs.
      await this.deps.blobs.deleteTree(`images/${record.id}`);
      return;
    }
    record.outputs = keys;
    this.end(record, "succeeded");
  }

  /** The first ref of the anchoring character (a deleted character's refs are still kept). */
  private async referenceBytes(record: GenerationRecord): Promise<Buffer | null> {
    if (record.characterId) {
      const ref = this.deps.characters.peek(record.characterId)?.refs[0];
      return ref ? this.deps.blobs.get(ref.blobKey) : null;
    }
    return record.referenceUrls ? Buffer.from(record.referenceUrls.join("\n")) : null;
  }

  /** Ends a running generation: success charges its hold, anything else releases it. */
  private end(record: GenerationRecord, status: "succeeded" | "failed" | "cancelled", errorMessage?: string): void {
    if (record.holdId) {
      if (status === "succeeded") this.deps.ledger.commit(record.holdId);
      else this.deps.ledger.release(record.holdId);
      record.holdId = null;
    }
    record.status = status;
    record.errorMessage = errorMessage ?? null;
    record.completedAt = this.now();
  }
}
