// What a create-image body asks for, in the sandbox's terms: the output size and the price. Shared
// by the create and the estimate, so both answer the same.
import { type CreateImageRequest, creditBreakdown, operations, type SizePreset } from "@aurous/server-stubs";
import type { Price } from "./model.js";

export const DEFAULT_SIDE = 1024;
const STEP = 32;

const snap = (pixels: number) => Math.max(STEP, Math.round(pixels / STEP) * STEP);

/**
 * The output size: a preset's long side (2k → 2048, 4k → 4096) with its ratio, custom dimensions
 * rounded to multiples of 32, else 1024 × 1024.
 */
export function outputSize(body: Pick<CreateImageRequest, "size" | "width" | "height">): {
  width: number;
  height: number;
  preset: SizePreset | null;
} {
  if (body.size) {
    const [tier, w, h] = body.size.split("_") as [string, string, string];
    const long = tier === "4k" ? 4096 : 2048;
    const rw = Number(w);
    const rh = Number(h);
    const width = rw >= rh ? long : snap((long * rw) / rh);
    const height = rh >= rw ? long : snap((long * rh) / rw);
    return { width, height, preset: body.size };
  }
  if (body.width !== undefined && body.height !== undefined) {
    return { width: snap(body.width), height: snap(body.height), preset: null };
  }
  return { width: DEFAULT_SIDE, height: DEFAULT_SIDE, preset: null };
}

/**
 * The price of a body, from the spec's x-aurous-credit-cost alone (per image, its `enhance_prompt`
 * variant, times `count`): `base` is what it costs without enhancement, `enhance` what that adds.
 */
export function imagePrice(body: CreateImageRequest): Price {
  const { amount, base, extra } = creditBreakdown(operations.createImage, body);
  return { amount, base, enhance: extra };
}
