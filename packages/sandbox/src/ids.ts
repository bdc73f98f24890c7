// Ids are a prefix plus a ULID from one monotonic factory, so ids minted in the same millisecond
// still sort in creation order: the list's "newest first" and its cursors rely on that.
import { monotonicFactory } from "ulid";

const nextUlid = monotonicFactory();

export type IdPrefix = "char" | "upl";

export function newId<P extends IdPrefix>(prefix: P): `${P}_${string}` {
  return `${prefix}_${nextUlid()}`;
}

export const ULID_BODY = "[0-9A-HJKMNP-TV-Z]{26}";
export const CHARACTER_ID = new RegExp(`^char_${ULID_BODY}$`);
export const UPLOAD_ID = new RegExp(`^upl_${ULID_BODY}$`);
