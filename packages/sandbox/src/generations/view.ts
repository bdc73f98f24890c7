// The API's Generation object for a record: output URLs carry a signed token (minted afresh on every
// read), a character's references are its ref URLs, and the cost is held while running, charged
// on success and 0 after a failure or a cancellation.
import type { Generation } from "@aurous/server-stubs";
import type { RefUrlSigner } from "../refs/signed-url.js";
import type { GenerationRecord } from "./model.js";
import { OUTPUT_TTL_MS, type OutputUrlSigner } from "./output-url.js";

export interface GenerationViewContext {
  outputs: OutputUrlSigner;
  refs: RefUrlSigner;
  origin: string;
  nowMs: number;
}

const MAX_DURATION_MS = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString();

export function generationView(record: GenerationRecord, ctx: GenerationViewContext): Generation {
  const charged = record.status !== "failed" && record.status !== "cancelled";
  const succeeded = record.status === "succeeded" && record.completedAt !== null;
  const expiresAt = (record.completedAt ?? record.createdAt) + OUTPUT_TTL_MS;
  const references = record.characterId
    ? Array.from({ length: record.characterRefCount }, (_, i) =>
        ctx.refs.url(ctx.origin, record.characterId!, i, ctx.nowMs),
      )
    : record.referenceUrls
      ? [...record.referenceUrls]
      : null;
  return {
    object: "inference",
    id: record.id,
    status: record.status,
    prompt: record.prompt,
    created_at: iso(record.createdAt),
    media_type: "image",
    negative_prompt: record.negativePrompt,
    output_urls: succeeded
      ? Array.from({ length: record.count }, (_, n) => ctx.outputs.url(ctx.origin, record.id, n, expiresAt))
      : [],
    output_video_url: null,
    reference_image_urls: references,
    error_message: record.errorMessage,
    // The spec caps it at a day; a generation cancelled after the clock was moved on must still fit.
    duration_ms: record.completedAt === null ? null : Math.min(MAX_DURATION_MS, record.completedAt - record.createdAt),
    cost: {
      amount: charged ? record.price.amount : 0,
      currency: "credit",
      breakdown: charged ? { base: record.price.base, enhance: record.price.enhance } : { base: 0, enhance: 0 },
    },
    width: record.width,
    height: record.height,
    image_count: record.count,
    size_preset: record.sizePreset,
    inference_type: record.inferenceType,
    cfg_rescale: record.cfgRescale,
    denoise_strength: record.denoiseStrength,
    seed: record.seed,
    video_duration: null,
    video_resolution: null,
    video_ratio: null,
    video_camera_fixed: null,
    character_id: record.characterId,
    bundle_name: null,
    loras: record.lora ? [{ ...record.lora }] : null,
    aurous_version: record.aurousVersion,
    creation_request_id: record.creationRequestId,
    completed_at: record.completedAt === null ? null : iso(record.completedAt),
  };
}
