// Output URLs: {origin}/v1/images/{id}/output/{n}?token=<expires>.<hex>, the hex an HMAC-SHA256 over
// the generation id, the output number and `expires` (unix seconds: 24 hours after the generation
// completed, when its outputs expire). The token stands in for the API key, so an <img> tag can load
// the URL; it authorises that one output of that one generation and nothing else.
import { hexEquals, hmacHex } from "../crypto.js";

/** Outputs are kept, and their URLs work, for 24 hours after the generation completed. */
export const OUTPUT_TTL_MS = 24 * 60 * 60 * 1000;

export class OutputUrlSigner {
  constructor(private readonly secret: Buffer) {}

  private mac(generationId: string, n: number, expiresSec: number): string {
    return hmacHex(this.secret, "output", generationId, String(n), String(expiresSec));
  }

  token(generationId: string, n: number, expiresAtMs: number): string {
    const expiresSec = Math.ceil(expiresAtMs / 1000);
    return `${expiresSec}.${this.mac(generationId, n, expiresSec)}`;
  }

  url(origin: string, generationId: string, n: number, expiresAtMs: number): string {
    const token = this.token(generationId, n, expiresAtMs);
    return `${origin}/v1/images/${encodeURIComponent(generationId)}/output/${n}?token=${token}`;
  }

  /** Whether `token` was minted for output `n` of this generation; says nothing about expiry. */
  verify(generationId: string, n: number, token: string): boolean {
    const match = /^(\d{1,11})\.([0-9a-f]{64})$/.exec(token);
    if (!match || !Number.isInteger(n) || n < 0) return false;
    return hexEquals(this.mac(generationId, n, Number(match[1])), match[2]!);
  }
}
