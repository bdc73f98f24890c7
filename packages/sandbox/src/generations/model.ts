// An image generation as the sandbox keeps it. The API's Generation object (output URLs signed,
// timestamps as strings, reference URLs minted) is derived from it in view.ts.
import type { SizePreset } from "@aurous/server-stubs";

/** The five statuses the sandbox emits (the spec's status is an open set). */
export type GenerationStatus = "pending" | "processing" | "succeeded" | "failed" | "cancelled";

export const TERMINAL: readonly GenerationStatus[] = ["succeeded", "failed", "cancelled"];

/** What a request costs, in credits; `amount` is `base + enhance`. */
export interface Price {
  amount: number;
  base: number;
  enhance: number;
}

export interface GenerationRecord {
  id: `img_${string}`;
  teamId: string;
  status: GenerationStatus;
  prompt: string;
  negativePrompt: string | null;
  createdAt: number;
  completedAt: number | null;
  errorMessage: string | null;
  /** The price held at submit; charged on success, 0 once failed or cancelled (see `charged`). */
  price: Price;
  /** The ledger hold while the generation runs; null once it was committed or released. */
  holdId: string | null;
  width: number;
  height: number;
  count: number;
  sizePreset: SizePreset | null;
  inferenceType: "t2i" | "i2i";
  cfgRescale: number;
  denoiseStrength: number | null;
  seed: number;
  characterId: string | null;
  /** How many refs the character had at submit (their URLs are the generation's references). */
  characterRefCount: number;
  /** The `https` references as sent, or null. */
  referenceUrls: string[] | null;
  lora: { id: string; name: string } | null;
  aurousVersion: string;
  creationRequestId: string;
  /** Blob keys of the rendered images, one per output, once succeeded. */
  outputs: string[];
}
