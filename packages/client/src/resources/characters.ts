// `client.characters`: the generated operations plus the hand-written helpers; nothing per operation.

import type { CallOptions } from "../core/options.js";
import type { ApiResult } from "../core/result.js";
import type { ListCharactersQuery } from "../generated/operations.gen.js";
import { CharactersResource } from "../generated/resources.gen.js";
import type { Character, CharacterList } from "../generated/types.gen.js";
import { listAllCharacters, type Paginator, paginateCharacters } from "../helpers/paginate.js";
import { type WaitForOptions, waitForCharacter } from "../helpers/wait-for.js";

/** `client.characters`: the Characters operations plus pagination and polling helpers. */
export class Characters extends CharactersResource {
  /** Iterates every character (`for await`), following `next_cursor` across pages. */
  listAll(
    query?: Omit<ListCharactersQuery, "starting_after">,
    options?: CallOptions,
  ): AsyncGenerator<Character, void, undefined> {
    return listAllCharacters(this.core, query, options);
  }

  /** The matching characters as a paginator: `for await` over items, `pages()`, or `toArray({ limit })`. */
  paginate(
    query?: Omit<ListCharactersQuery, "starting_after">,
    options?: CallOptions,
  ): Paginator<Character, CharacterList> {
    return paginateCharacters(this.core, query, options);
  }

  /** Polls until the character reaches `status` (default reviewing or ready). */
  waitFor(id: string, options?: WaitForOptions): Promise<ApiResult<Character>> {
    return waitForCharacter(this.core, id, options);
  }
}
