// A stand-in for the bundle after two more (synthetic) releases, used only by the version-change
// tests through vi.mock of the generated module: exactly what `pnpm generate` would emit once the
// spec released them, i.e. the versions list AND the newest schemas (request validation and
// response validation both run against the newest release, so a versions list alone cannot work).
//
//   2026-05-15  the real bundle: Character `name`
//   2026-09-01  `name` is renamed `display_name` (Character, create and update bodies)
//   2026-11-01  `display_name` keeps its case (earlier versions upper-case it) — no schema change
import type * as Generated from "../src/generated/operations.gen.js";
import type { Character } from "../src/index.js";

export const V_FIRST = "2026-05-15";
export const V_RENAME = "2026-09-01";
export const V_KEEP_CASE = "2026-11-01";

/** Schemas of the real bundle that carry a character's name. */
const NAMED = ["Character", "CreateCharacterRequest", "UpdateCharacterRequest"] as const;

interface ObjectSchema {
  properties: Record<string, unknown>;
  required?: string[];
}

function renameProperty(schema: ObjectSchema, from: string, to: string): void {
  if (!(from in schema.properties)) throw new Error(`version-world: the real schema has no ${from} any more`);
  const { [from]: moved, ...rest } = schema.properties;
  schema.properties = { ...rest, [to]: moved };
  if (schema.required) schema.required = schema.required.map((r) => (r === from ? to : r));
}

export function nextBundle(real: typeof Generated): typeof Generated {
  const componentSchemas = structuredClone(real.componentSchemas) as Record<string, ObjectSchema>;
  for (const name of NAMED) renameProperty(componentSchemas[name]!, "name", "display_name");
  return { ...real, apiVersions: [V_KEEP_CASE, V_RENAME, ...real.apiVersions], componentSchemas };
}

/** A Character as the newest release describes it (the generated types describe the real bundle). */
export type NextCharacter = Omit<Character, "name"> & { display_name: string };
