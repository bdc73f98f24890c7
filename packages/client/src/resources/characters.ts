import type {
  Character,
  CharacterList,
  CreateCharacterRequest,
  DeletedCharacter,
  RegenerateRefRequest,
  ResynthesizeRequest,
  UpdateCharacterRequest,
} from '../generated/types.gen.js';
import type { AurousCore } from '../core/core.js';
import type { CallOptions, IdempotentCallOptions } from '../core/options.js';
import type { ApiResult } from '../core/result.js';
import { listAllCharacters } from '../helpers/paginate.js';
import { waitForCharacter, type WaitForOptions } from '../helpers/wait-for.js';
import * as ops from '../operations/characters.js';

/** `client.characters`: the Characters operations plus pagination and polling helpers. */
export class Characters {
  readonly #core: AurousCore;

  constructor(core: AurousCore) {
    this.#core = core;
  }

  create(body: CreateCharacterRequest, options?: IdempotentCallOptions): Promise<ApiResult<Character>> {
    return ops.createCharacter(this.#core, body, options);
  }

  list(query?: ops.ListCharactersQuery, options?: CallOptions): Promise<ApiResult<CharacterList>> {
    return ops.listCharacters(this.#core, query, options);
  }

  /** Iterates every character (`for await`), following `next_cursor` across pages. */
  listAll(
    query?: Omit<ops.ListCharactersQuery, 'starting_after'>,
    options?: CallOptions,
  ): AsyncGenerator<Character, void, undefined> {
    return listAllCharacters(this.#core, query, options);
  }

  get(id: string, options?: CallOptions): Promise<ApiResult<Character>> {
    return ops.getCharacter(this.#core, id, options);
  }

  update(id: string, body: UpdateCharacterRequest, options?: CallOptions): Promise<ApiResult<Character>> {
    return ops.updateCharacter(this.#core, id, body, options);
  }

  delete(id: string, options?: CallOptions): Promise<ApiResult<DeletedCharacter>> {
    return ops.deleteCharacter(this.#core, id, options);
  }

  save(id: string, options?: CallOptions): Promise<ApiResult<Character>> {
    return ops.saveCharacter(this.#core, id, options);
  }

  regenerateRef(
    id: string,
    body: RegenerateRefRequest,
    options?: IdempotentCallOptions,
  ): Promise<ApiResult<Character>> {
    return ops.regenerateCharacterRef(this.#core, id, body, options);
  }

  resynthesize(id: string, body?: ResynthesizeRequest, options?: IdempotentCallOptions): Promise<ApiResult<Character>> {
    return ops.resynthesizeCharacter(this.#core, id, body, options);
  }

  /** Polls until the character reaches `status` (default reviewing or ready). */
  waitFor(id: string, options?: WaitForOptions): Promise<ApiResult<Character>> {
    return waitForCharacter(this.#core, id, options);
  }
}
