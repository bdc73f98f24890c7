import { schemaExample } from "../../../../scripts/codegen/example-request.mjs";
import type { Character, CharacterStatus, Generation } from "../../src/index.js";
import { model, spec } from "./contract.js";

export const API_KEY = `al_live_${"a".repeat(64)}`;
// The spec's example ids, so tests and docs agree on one of each.
export const CHARACTER_ID = String(schemaExample(spec, "CharacterId"));
export const UPLOAD_ID = String(schemaExample(spec, "UploadId"));

/** A character that satisfies the contract's schema. */
export function character(overrides: Partial<Character> & { status?: CharacterStatus } = {}): Character {
  return {
    id: CHARACTER_ID,
    object: "character",
    name: "Aurora the Adventurer",
    status: "ready",
    refs: [{ pose: "front", url: "https://api.aurous-labs.com/storage/refs/x/0?token=1" }],
    created_at: "2026-05-08T10:00:00Z",
    updated_at: "2026-05-08T10:00:00Z",
    client_reference_id: null,
    attributes: null,
    error_message: null,
    aurous_version: "2026-05-15",
    ...overrides,
  };
}

/** A valid `char_` id for page item `n` (ULID alphabet only). */
export function characterId(n: number): string {
  return `char_01HXMQ7Z3K8Y2NABCDEFGHJK${"ABCDEFGHJKMNPQRSTVWXYZ"[Math.floor(n / 22)]}${"ABCDEFGHJKMNPQRSTVWXYZ"[n % 22]}`;
}

/** The spec's `succeeded` example of GET /v1/images/{id}: a generation with one output. */
const generationExample = model.operation("getImage").success.media[0]!.examples["succeeded"] as Generation;
export const GENERATION_ID = generationExample.id;

/** A generation that satisfies the contract's schema (the spec's example, with `overrides`). */
export function generation(overrides: Partial<Generation> = {}): Generation {
  return structuredClone({ ...generationExample, ...overrides });
}
