// The sandbox's built-in LoRA catalog: a few public styles, the same for every team (the sandbox
// delivers no private styles). Image generations name one by id or slug (`lora_id`), or pick one
// whose name or slug the prompt mentions.
import type { Lora } from "@aurous/server-stubs";

const CATALOG: readonly Lora[] = [
  {
    id: "lora_01J0000000000000000G0LDHR",
    name: "Golden Hour",
    is_public: true,
    created_at: "2026-03-01T00:00:00Z",
    slug: "golden-hour",
    description: "Warm, low evening light with soft lens flares.",
    preview_image_url: null,
    default_denoise_strength: 0.8,
    default_guidance_scale: 7.5,
    default_steps: 30,
    has_template: true,
  },
  {
    id: "lora_01J00000000000000000NK1NE",
    name: "Ink Sketch",
    is_public: true,
    created_at: "2026-03-15T00:00:00Z",
    slug: "ink-sketch",
    description: "Black ink line work on off-white paper.",
    preview_image_url: null,
    default_denoise_strength: 0.7,
    default_guidance_scale: 6,
    default_steps: 28,
    has_template: false,
  },
];

/** Copies, so a handler's caller cannot alter the catalog. */
export function listLoras(): Lora[] {
  return CATALOG.map((lora) => ({ ...lora }));
}

/** The catalog's style with this id or slug. */
export function findLora(idOrSlug: string): Lora | undefined {
  return CATALOG.find((lora) => lora.id === idOrSlug || lora.slug === idOrSlug);
}

/** The style a prompt names (its name or slug, any case), for a generation sent without `lora_id`. */
export function loraForPrompt(prompt: string): Lora | undefined {
  const text = prompt.toLowerCase();
  return CATALOG.find((lora) => text.includes(lora.name.toLowerCase()) || (lora.slug && text.includes(lora.slug)));
}
