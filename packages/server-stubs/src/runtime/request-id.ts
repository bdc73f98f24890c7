// Request ids: `req_` + ULID (48-bit millisecond time, then 80 random bits, Crockford base32).
// Encoded here rather than by the ulid package: its default PRNG calls crypto once per character,
// and even with a pooled source it builds the id one character (and one call) at a time. The
// random characters come from a pooled buffer of the same cryptographic source; the time part is
// reused within a millisecond.
import { randomFillSync } from "node:crypto";

const ENCODING = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const pool = new Uint8Array(4096);
let offset = pool.length;
let lastMs = -1;
let timePart = "";

function encodeTime(ms: number): string {
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = ENCODING[ms % 32]! + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

export function newRequestId(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    timePart = encodeTime(now);
  }
  if (offset + 16 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  let id = `req_${timePart}`;
  // A byte's top five bits: 256 is a multiple of 32, so every character is equally likely.
  for (let i = 0; i < 16; i++) id += ENCODING[pool[offset++]! >> 3]!;
  return id;
}
