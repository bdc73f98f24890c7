import type { Aurous } from "../client.js";
import type { AurousCore } from "../core/core.js";
import type { CallOptions } from "../core/options.js";
import type { ApiResult } from "../core/result.js";
import { AurousError } from "../errors/base.js";
import { type ListCharactersQuery, listCharacters } from "../generated/operations.gen.js";
import type { Character, CharacterList } from "../generated/types.gen.js";

/** The cursor contract of a list response (see CharacterList in the spec). */
export interface CursorPage<Item> {
  data: readonly Item[];
  has_more: boolean;
  /** Pass as `starting_after` for the next page; null on the last one. */
  next_cursor: string | null;
}

/** A list query that takes the previous page's `next_cursor` as `starting_after`. */
export interface CursorQuery {
  starting_after?: string;
}

/** Any list operation function of the cursor contract, e.g. `listCharacters`. */
export type ListOperation<Query extends CursorQuery | undefined, Page extends CursorPage<unknown>> = (
  core: AurousCore,
  query: Query,
  options?: CallOptions,
) => Promise<ApiResult<Page>>;

export type ItemOf<Page> = Page extends CursorPage<infer Item> ? Item : never;

/** The most `toArray` will collect: beyond it, iterate instead of holding everything in memory. */
export const MAX_TO_ARRAY = 10_000;

/**
 * The pages, or the items across them, of one list query, fetched lazily: `for await` over the
 * items, `pages()` for whole pages with their request ids, or `toArray({ limit })`. Each of them
 * starts again from the first page.
 */
export class Paginator<Item, Page extends CursorPage<unknown> = CursorPage<Item>> implements AsyncIterable<Item> {
  readonly #fetchPage: (cursor: string | undefined) => Promise<ApiResult<Page>>;
  readonly #name: string;

  constructor(fetchPage: (cursor: string | undefined) => Promise<ApiResult<Page>>, name = "list") {
    this.#fetchPage = fetchPage;
    this.#name = name;
  }

  /** Every page, each as its `ApiResult` (`data`, `requestId`, `rateLimit`, …), following `next_cursor`. */
  async *pages(): AsyncGenerator<ApiResult<Page>, void, undefined> {
    let cursor: string | undefined;
    for (;;) {
      const page = await this.#fetchPage(cursor);
      yield page;
      const next = page.data.next_cursor;
      if (!page.data.has_more || !next) return;
      // A cursor that does not move would loop forever.
      if (next === cursor) throw new AurousError(`${this.#name}: next_cursor ${cursor} repeated`);
      cursor = next;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.data.data as readonly Item[];
  }

  /**
   * The first `limit` items (at most `MAX_TO_ARRAY`), fetching only the pages needed. `limit` is
   * required so that one call cannot pull an unbounded list into memory; iterate for more.
   */
  async toArray(options: { limit: number }): Promise<Item[]> {
    const { limit } = options ?? {};
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TO_ARRAY) {
      throw new AurousError(
        `toArray needs a limit from 1 to ${MAX_TO_ARRAY} (got ${String(limit)}); use for await or pages() for more`,
      );
    }
    const items: Item[] = [];
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }
}

const coreOf = (client: Aurous | AurousCore): AurousCore => ("core" in client ? client.core : client);

/**
 * Pages through any list operation that follows the cursor contract (`has_more`, `next_cursor`,
 * `starting_after`):
 *
 * ```ts
 * for await (const c of paginate(aurous, listCharacters, { status: 'ready' })) …
 * ```
 */
export function paginate<List extends ListOperation<never, CursorPage<unknown>>>(
  client: Aurous | AurousCore,
  list: List,
  // Typed from `list` alone, so a filter the operation does not take is an error, not a widening.
  query?: QueryOf<List>,
  options?: CallOptions,
): Paginator<ItemOf<PageOf<List>>, PageOf<List>> {
  const core = coreOf(client);
  const base = query ?? {};
  const call = list as unknown as (
    core: AurousCore,
    query: object,
    options?: CallOptions,
  ) => Promise<ApiResult<PageOf<List>>>;
  const fetchPage = (cursor: string | undefined) =>
    call(core, cursor === undefined ? base : { ...base, starting_after: cursor }, options);
  return new Paginator<ItemOf<PageOf<List>>, PageOf<List>>(fetchPage, list.name || "list");
}

/**
 * The query a list operation takes, without the cursors: `starting_after` is the paginator's to set,
 * and `ending_before` (listImages) would page the other way, which the paginator does not follow.
 */
export type QueryOf<List> = List extends (core: AurousCore, query: infer Query, ...rest: never[]) => unknown
  ? Omit<NonNullable<Query>, "starting_after" | "ending_before">
  : never;

/** The page a list operation resolves to. */
export type PageOf<List> = List extends (...args: never[]) => Promise<ApiResult<infer Page extends CursorPage<unknown>>>
  ? Page
  : never;

/** `paginate(client, listCharacters, query, options)`: the characters matching `query`, newest first. */
export function paginateCharacters(
  client: Aurous | AurousCore,
  query?: Omit<ListCharactersQuery, "starting_after">,
  options?: CallOptions,
): Paginator<Character, CharacterList> {
  return paginate(client, listCharacters, query, options);
}

/**
 * Every character matching `query`, newest first, fetching pages lazily by following
 * `next_cursor` (sent as `starting_after`) until it is null. Stop early with `break`.
 */
export async function* listAllCharacters(
  core: AurousCore,
  query: Omit<ListCharactersQuery, "starting_after"> = {},
  options?: CallOptions,
): AsyncGenerator<Character, void, undefined> {
  yield* paginateCharacters(core, query, options);
}
