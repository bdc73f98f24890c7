import type { AurousCore } from "../core/core.js";
import type { CallOptions } from "../core/options.js";
import { AurousError } from "../errors/base.js";
import { type ListCharactersQuery, listCharacters } from "../generated/operations.gen.js";
import type { Character } from "../generated/types.gen.js";

/**
 * Every character matching `query`, newest first, fetching pages lazily by following
 * `next_cursor` (sent as `starting_after`) until it is null. Stop early with `break`.
 */
export async function* listAllCharacters(
  core: AurousCore,
  query: Omit<ListCharactersQuery, "starting_after"> = {},
  options?: CallOptions,
): AsyncGenerator<Character, void, undefined> {
  let cursor: string | undefined;
  for (;;) {
    const { data: page } = await listCharacters(
      core,
      // Stryker disable next-line ConditionalExpression: `starting_after: undefined` is left out of the query anyway
      cursor === undefined ? query : { ...query, starting_after: cursor },
      options,
    );
    yield* page.data;
    if (!page.has_more || !page.next_cursor) return;
    // A cursor that does not move would loop forever.
    if (page.next_cursor === cursor) throw new AurousError(`listCharacters: next_cursor ${cursor} repeated`);
    cursor = page.next_cursor;
  }
}
