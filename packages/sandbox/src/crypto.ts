// HMAC-SHA256 signing shared by upload URLs and ref URLs; comparison is constant-time.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export function newSecret(): Buffer {
  return randomBytes(32);
}

export function hmacHex(secret: Buffer, ...parts: string[]): string {
  // A newline cannot occur inside any signed part (ids, integers, media types), so joining on it
  // keeps distinct part lists from producing the same message.
  return createHmac("sha256", secret).update(parts.join("\n")).digest("hex");
}

export function hexEquals(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(given, "hex"));
}
