// The sandbox's published rate card. Its image prices are read from createImage's
// x-aurous-credit-cost — what the sandbox actually charges — so the card cannot drift from the
// charge; the video prices (no video operation yet) are the reference docs' baseline.
import { creditCost, operations, type Pricing } from "@aurous/server-stubs";

const imageBase = creditCost(operations.createImage, { count: 1 });
const RATE_CARD = {
  image: {
    base: imageBase,
    enhance_prompt_multiplier: creditCost(operations.createImage, { count: 1, enhance_prompt: true }) / imageBase,
    // References are free (the estimate page); the spec's price rule takes none into account.
    reference_image_per_image: 0,
  },
  video: { base_per_second: 0.5, resolution_factor: { "480p": 1, "720p": 1.5, "1080p": 2.5 } },
} as const;

/** One card serves every version so far; a version that changes prices gets its own entry here. */
export function pricingFor(version: string): Pricing {
  return {
    object: "pricing",
    version,
    currency: "credit",
    description:
      "Published baseline prices for this API version. A team's own rates can differ; estimate a request for its exact cost.",
    image: { ...RATE_CARD.image },
    video: {
      base_per_second: RATE_CARD.video.base_per_second,
      resolution_factor: { ...RATE_CARD.video.resolution_factor },
    },
  };
}
