// All characters, in memory. Ids sort in creation order (see ids.ts), so id order is creation order: the list reads
// newest first by id, and a cursor is simply "ids below this one", which stays valid even when the
// cursor's own row has since been deleted.
import type { CharacterRecord, CharacterStatus } from "./model.js";

export interface ListQuery {
  teamId: string;
  limit: number;
  startingAfter?: string | undefined;
  status?: Exclude<CharacterStatus, "deleted"> | undefined;
}

export interface ListPage {
  data: CharacterRecord[];
  hasMore: boolean;
  nextCursor: string | null;
}

export class CharacterStore {
  private readonly byId = new Map<string, CharacterRecord>();
  /** Per team, ids in ascending (creation) order. */
  private readonly idsByTeam = new Map<string, string[]>();

  add(record: CharacterRecord): void {
    this.byId.set(record.id, record);
    const ids = this.idsByTeam.get(record.teamId) ?? [];
    // Monotonic ids arrive in order, so appending keeps the array sorted.
    ids.push(record.id);
    this.idsByTeam.set(record.teamId, ids);
  }

  /** The team's live character; other teams' and deleted characters are indistinguishable from unknown ids. */
  find(teamId: string, id: string): CharacterRecord | undefined {
    const record = this.byId.get(id);
    if (!record || record.teamId !== teamId || record.status === "deleted") return undefined;
    return record;
  }

  /** Any record by id, deleted ones included (ref URLs of soft-deleted characters keep working). */
  peek(id: string): CharacterRecord | undefined {
    return this.byId.get(id);
  }

  /** Forgets a character entirely (a hard delete). */
  remove(id: string): void {
    const record = this.byId.get(id);
    if (!record) return;
    this.byId.delete(id);
    const ids = this.idsByTeam.get(record.teamId);
    const at = ids ? binarySearch(ids, id) : -1;
    if (ids && at >= 0) ids.splice(at, 1);
  }

  list(query: ListQuery): ListPage {
    const ids = this.idsByTeam.get(query.teamId) ?? [];
    // Start just below the cursor: the first index whose id is >= the cursor, minus one.
    let i = query.startingAfter === undefined ? ids.length - 1 : lowerBound(ids, query.startingAfter) - 1;
    const data: CharacterRecord[] = [];
    let hasMore = false;
    for (; i >= 0; i--) {
      const record = this.byId.get(ids[i]!);
      if (!record || record.status === "deleted") continue;
      if (query.status && record.status !== query.status) continue;
      if (data.length === query.limit) {
        hasMore = true;
        break;
      }
      data.push(record);
    }
    return { data, hasMore, nextCursor: hasMore ? data[data.length - 1]!.id : null };
  }
}

/** The first index whose value is >= `value` (ids sort in creation order). */
export function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function binarySearch(sorted: readonly string[], value: string): number {
  const at = lowerBound(sorted, value);
  return sorted[at] === value ? at : -1;
}
