// Ids are a prefix plus 26 Crockford base32 characters in ULID layout: 10 of time (ms), then 3 of
// a per-millisecond sequence, then 13 random ones (65 bits). Id order is creation order (the list's
// "newest first" and its cursors rely on that), yet an id reveals nothing usable about its
// neighbours: a monotonic ULID, whose random part is incremented by one within a millisecond,
// let a caller guess the ids of uploads minted alongside its own.
import { encodeTime, ulid } from "ulid";

export type IdPrefix = "char" | "upl" | "img";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SEQUENCE_CHARS = 3;
const SEQUENCE_LIMIT = 32 ** SEQUENCE_CHARS;

let lastMs = 0;
let sequence = 0;

function nextSequence(now: number): { ms: number; seq: number } {
  // A clock that steps back, or a full millisecond, keeps counting on the last one: order holds.
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence >= SEQUENCE_LIMIT) {
    lastMs += 1;
    sequence = 0;
  }
  return { ms: lastMs, seq: sequence };
}

function base32(value: number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++, value = Math.floor(value / 32)) out = CROCKFORD[value % 32] + out;
  return out;
}

export function newId<P extends IdPrefix>(prefix: P, now: number = Date.now()): `${P}_${string}` {
  const { ms, seq } = nextSequence(now);
  // ulid() draws its 16 random characters from the platform's CSPRNG; 13 of them are kept.
  const random = ulid(ms).slice(-13);
  return `${prefix}_${encodeTime(ms, 10)}${base32(seq, SEQUENCE_CHARS)}${random}`;
}
