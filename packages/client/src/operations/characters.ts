// One function per Characters operation. Each takes the core first so that an app importing one of
// them bundles only that operation (see README "Bundle size").
import {
  createCharacterOperation,
  deleteCharacterOperation,
  getCharacterOperation,
  listCharactersOperation,
  regenerateCharacterRefOperation,
  resynthesizeCharacterOperation,
  saveCharacterOperation,
  updateCharacterOperation,
} from '../generated/meta.js';
import * as sdk from '../generated/sdk.gen.js';
import type {
  Character,
  CharacterList,
  CreateCharacterRequest,
  DeletedCharacter,
  ListCharactersData,
  RegenerateRefRequest,
  ResynthesizeRequest,
  UpdateCharacterRequest,
} from '../generated/types.gen.js';
import type { AurousCore } from '../core/core.js';
import { invoke } from '../core/invoke.js';
import type { CallOptions, IdempotentCallOptions } from '../core/options.js';
import type { ApiResult } from '../core/result.js';

export type ListCharactersQuery = NonNullable<ListCharactersData['query']>;

/** `POST /v1/characters` — upload flow (`upload_ids`) or synthesize flow (`generate: true` + `attributes`). */
export function createCharacter(
  core: AurousCore,
  body: CreateCharacterRequest,
  options?: IdempotentCallOptions,
): Promise<ApiResult<Character>> {
  return invoke(core, createCharacterOperation, (o) => sdk.createCharacter({ ...o, body }), options);
}

/** `GET /v1/characters` — one page, newest first. */
export function listCharacters(
  core: AurousCore,
  query: ListCharactersQuery = {},
  options?: CallOptions,
): Promise<ApiResult<CharacterList>> {
  return invoke(core, listCharactersOperation, (o) => sdk.listCharacters({ ...o, query }), options);
}

/** `GET /v1/characters/{id}`. */
export function getCharacter(core: AurousCore, id: string, options?: CallOptions): Promise<ApiResult<Character>> {
  return invoke(core, getCharacterOperation, (o) => sdk.getCharacter({ ...o, path: { id } }), options);
}

/** `PATCH /v1/characters/{id}` — `attributes` replaces the whole object; `null` clears it. */
export function updateCharacter(
  core: AurousCore,
  id: string,
  body: UpdateCharacterRequest,
  options?: CallOptions,
): Promise<ApiResult<Character>> {
  return invoke(core, updateCharacterOperation, (o) => sdk.updateCharacter({ ...o, path: { id }, body }), options);
}

/** `DELETE /v1/characters/{id}`. */
export function deleteCharacter(
  core: AurousCore,
  id: string,
  options?: CallOptions,
): Promise<ApiResult<DeletedCharacter>> {
  return invoke(core, deleteCharacterOperation, (o) => sdk.deleteCharacter({ ...o, path: { id } }), options);
}

/** `POST /v1/characters/{id}/save` — publishes a `reviewing` character (`ready`). */
export function saveCharacter(core: AurousCore, id: string, options?: CallOptions): Promise<ApiResult<Character>> {
  return invoke(core, saveCharacterOperation, (o) => sdk.saveCharacter({ ...o, path: { id } }), options);
}

/** `POST /v1/characters/{id}/refs/regenerate` — re-synthesizes one pose (1 credit). */
export function regenerateCharacterRef(
  core: AurousCore,
  id: string,
  body: RegenerateRefRequest,
  options?: IdempotentCallOptions,
): Promise<ApiResult<Character>> {
  return invoke(
    core,
    regenerateCharacterRefOperation,
    (o) => sdk.regenerateCharacterRef({ ...o, path: { id }, body }),
    options,
  );
}

/** `POST /v1/characters/{id}/resynthesize` — replaces every ref (4 credits). */
export function resynthesizeCharacter(
  core: AurousCore,
  id: string,
  body?: ResynthesizeRequest,
  options?: IdempotentCallOptions,
): Promise<ApiResult<Character>> {
  return invoke(
    core,
    resynthesizeCharacterOperation,
    (o) => sdk.resynthesizeCharacter({ ...o, path: { id }, ...(body ? { body } : {}) }),
    options,
  );
}
