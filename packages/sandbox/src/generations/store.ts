// All image generations, in memory. Ids sort in creation order (see ids.ts), so a cursor is simply a
// position: "ids below this one" or "ids above this one". As in the characters' list, a cursor that
// names no generation (another team's, or made up) is still a position, never an error.
import { lowerBound } from "../characters/store.js";
import type { GenerationRecord } from "./model.js";

export interface GenerationListQuery {
  teamId: string;
  limit: number;
  /** Rows created before this id (older). */
  startingAfter?: string | undefined;
  /** Rows created after this id (newer); the page is still newest first, the rows closest to it. */
  endingBefore?: string | undefined;
}

export interface GenerationPage {
  data: GenerationRecord[];
  /** Whether more rows follow in the direction walked. */
  hasMore: boolean;
  /** The cursor that continues in the same direction (the oldest row walking back, the newest walking forward). */
  nextCursor: string | null;
}

export class GenerationStore {
  private readonly byId = new Map<string, GenerationRecord>();
  /** Per team, ids in ascending (creation) order. */
  private readonly idsByTeam = new Map<string, string[]>();

  add(record: GenerationRecord): void {
    this.byId.set(record.id, record);
    const ids = this.idsByTeam.get(record.teamId) ?? [];
    ids.push(record.id); // monotonic ids arrive in order
    this.idsByTeam.set(record.teamId, ids);
  }

  /** The team's generation; another team's is indistinguishable from an unknown id. */
  find(teamId: string, id: string): GenerationRecord | undefined {
    const record = this.byId.get(id);
    return record && record.teamId === teamId ? record : undefined;
  }

  /** Any generation by id, whatever its team (the output URL's token names the team). */
  peek(id: string): GenerationRecord | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<GenerationRecord> {
    return this.byId.values();
  }

  list(query: GenerationListQuery): GenerationPage {
    const ids = this.idsByTeam.get(query.teamId) ?? [];
    if (query.endingBefore !== undefined) {
      // Walk up from just above the cursor, then show the page newest first.
      const from = lowerBound(ids, query.endingBefore);
      const start = ids[from] === query.endingBefore ? from + 1 : from;
      const picked = ids.slice(start, start + query.limit);
      const hasMore = start + picked.length < ids.length;
      const data = picked.reverse().map((id) => this.byId.get(id)!);
      return { data, hasMore, nextCursor: hasMore ? data[0]!.id : null };
    }
    const end = query.startingAfter === undefined ? ids.length : lowerBound(ids, query.startingAfter);
    const start = Math.max(0, end - query.limit);
    const data = ids
      .slice(start, end)
      .reverse()
      .map((id) => this.byId.get(id)!);
    const hasMore = start > 0;
    return { data, hasMore, nextCursor: hasMore ? data[data.length - 1]!.id : null };
  }
}
