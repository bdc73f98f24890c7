// A tiny in-test implementation of every operation plus a key table, shared by the runtime tests.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import { schemaExample } from "../../../scripts/codegen/example-request.mjs";
import { readSpecModel } from "../../../scripts/codegen/spec-model.mjs";
import {
  type AurousServerOptions,
  type AuthContext,
  type Character,
  createAurousServer,
  type Generation,
  type ImageEstimate,
  type Implementation,
} from "../src/index.js";

// The spec's example ids, so tests and docs agree on one of each.
const bundle = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@aurous/openapi/openapi.json"), "utf8"));
export const CHAR_ID = String(schemaExample(bundle, "CharacterId"));
export const UPLOAD_ID = String(schemaExample(bundle, "UploadId"));
export const IMAGE_ID = String(schemaExample(bundle, "GenerationId"));

// A generation and an estimate as the spec's own examples show them.
const model = readSpecModel(bundle);
const GENERATION = model.operation("getImage").success.examples.succeeded as Generation;
const ESTIMATE = model.operation("estimateImage").success.examples.with_enhance as ImageEstimate;

export function generation(overrides: Partial<Generation> = {}): Generation {
  return { ...GENERATION, ...overrides };
}

/** A few bytes that start like a PNG: what an output handler sends back. */
export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

export const KEYS: Record<string, AuthContext> = {
  key_full: { teamId: "team_a", scope: "full" },
  key_write: { teamId: "team_a", scope: "write" },
  key_read: { teamId: "team_a", scope: "read" },
  key_b: { teamId: "team_b", scope: "full" },
  key_revoked: { teamId: "team_a", scope: "full", revoked: true },
};

export function character(overrides: Partial<Character> = {}): Character {
  return {
    id: CHAR_ID,
    object: "character",
    name: "Aurora",
    status: "ready",
    refs: [{ pose: "front", url: "https://example.test/ref.png" }],
    created_at: "2026-05-08T10:00:00Z",
    updated_at: "2026-05-08T10:00:00Z",
    client_reference_id: null,
    attributes: null,
    error_message: null,
    aurous_version: "2026-05-15",
    ...overrides,
  };
}

/** Valid answers for every operation; tests override single handlers. */
export function implementation(overrides: Partial<Implementation> = {}): Implementation {
  const base: Implementation = {
    initCharacterUpload: () => ({
      status: 201,
      body: {
        upload_id: UPLOAD_ID,
        upload_url: `https://storage.test/storage/uploads/${UPLOAD_ID}?expires=1&signature=${"a".repeat(64)}`,
        upload_headers: { "Content-Type": "image/jpeg" },
        expires_at: "2026-05-08T10:15:00Z",
      },
    }),
    classifyCharacterUpload: (req) => ({
      status: 200,
      body: { upload_id: req.body.upload_id, pose: "front", confidence: 0.9 },
    }),
    listCharacters: () => ({
      status: 200,
      body: { object: "list", data: [character()], has_more: false, next_cursor: null },
    }),
    createCharacter: (req) => ({ status: 201, body: character({ name: req.body.name }) }),
    getCharacter: (req) => ({ status: 200, body: character({ id: req.params.id }) }),
    updateCharacter: (req) => ({ status: 200, body: character({ id: req.params.id }) }),
    deleteCharacter: (req) => ({ status: 200, body: { id: req.params.id, object: "character", deleted: true } }),
    saveCharacter: (req) => ({ status: 200, body: character({ id: req.params.id }) }),
    regenerateCharacterRef: (req) => ({ status: 200, body: character({ id: req.params.id }) }),
    resynthesizeCharacter: (req) => ({ status: 200, body: character({ id: req.params.id, status: "synthesizing" }) }),
    getBalance: () => ({
      status: 200,
      body: { credits: 10, held_credits: 0, available_credits: 10, currency: "credit", billing_mode: "metered" },
    }),
    getTeam: () => ({
      status: 200,
      body: { id: "team_1", name: "Test team", credits: 10, created_at: "2026-05-08T10:00:00Z" },
    }),
    getPricing: (req) => ({
      status: 200,
      body: {
        object: "pricing",
        version: req.version,
        currency: "credit",
        description: "Test card.",
        image: { base: 1, enhance_prompt_multiplier: 2, reference_image_per_image: 0 },
        video: { base_per_second: 0.5, resolution_factor: { "480p": 1, "720p": 1.5, "1080p": 2.5 } },
      },
    }),
    listLoras: () => ({ status: 200, body: [] }),
    listImages: () => ({
      status: 200,
      body: { object: "list", data: [generation()], has_more: false, next_cursor: null },
    }),
    createImage: () => ({ status: 201, body: generation({ status: "pending" }) }),
    estimateImage: () => ({ status: 200, body: ESTIMATE }),
    getImage: (req) => ({ status: 200, body: generation({ id: req.params.id }) }),
    cancelImage: (req) => ({ status: 200, body: generation({ id: req.params.id, status: "cancelled" }) }),
    getImageOutput: () => ({
      status: 200,
      body: PNG_BYTES,
      headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=86400" },
    }),
  };
  return { ...base, ...overrides } as Implementation;
}

export function server(options: Partial<AurousServerOptions> = {}): FastifyInstance {
  return createAurousServer({
    implementation: implementation(),
    authenticate: (key) => KEYS[key] ?? null,
    validateResponses: true,
    ...options,
  });
}

export const AUTH = { "x-api-key": "key_full" };

/** A controllable clock (epoch ms). */
export function clock(start = Date.UTC(2026, 4, 20, 12, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}
