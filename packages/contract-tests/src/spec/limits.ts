// The size limits the spec documents (root `x-aurous-limits`, read by the spec model), so the
// oversize scenarios and fuzz cases follow the contract instead of repeating its numbers.
import { loadSpec } from "./bundle.js";
import { specModel } from "./operations.js";
import type { OpenApiDocument } from "./types.js";

export interface SpecLimits {
  json_body_bytes: number;
  upload_bytes: number;
}

let cached: SpecLimits | undefined;

export function specLimits(doc?: OpenApiDocument): SpecLimits {
  if (!doc && cached) return cached;
  const limits = specModel(doc ?? loadSpec()).limits as Partial<SpecLimits> | null;
  if (typeof limits?.json_body_bytes !== "number" || typeof limits.upload_bytes !== "number") {
    throw new Error("the spec has no x-aurous-limits with json_body_bytes and upload_bytes");
  }
  const out = { json_body_bytes: limits.json_body_bytes, upload_bytes: limits.upload_bytes };
  if (!doc) cached = out;
  return out;
}
