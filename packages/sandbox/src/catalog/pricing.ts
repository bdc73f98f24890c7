// The sandbox's published rate card. Its numbers are the reference docs' baseline; the sandbox
// itself charges only syntheses (4 credits, 1 per regenerated ref), which the card does not price.
import type { Pricing } from "@aurous/server-stubs";

const RATE_CARD = {
  image: { base: 1, enhance_prompt_multiplier: 2, reference_image_per_image: 0 },
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
