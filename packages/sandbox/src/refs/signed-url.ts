// Ref image URLs: {origin}/storage/refs/{character_id}/{index}?expires=<unix s>&token=<hex>, the
// token an HMAC-SHA256 over the character id, the index and `expires`. They are handed out on every
// character view and stay valid for 24 hours; fetch the character again for fresh ones.
import { hexEquals, hmacHex } from "../crypto.js";

export const REF_URL_TTL_MS = 24 * 60 * 60 * 1000;

export type RefUrlCheck = { ok: true } | { ok: false; reason: "invalid" | "expired" };

export class RefUrlSigner {
  constructor(private readonly secret: Buffer) {}

  private token(characterId: string, index: number, expiresSec: number): string {
    return hmacHex(this.secret, "ref", characterId, String(index), String(expiresSec));
  }

  url(origin: string, characterId: string, index: number, nowMs: number): string {
    // Rounded up to the hour: every view within the same hour shares one URL, so clients can cache.
    const expiresSec = Math.ceil((nowMs + REF_URL_TTL_MS) / 3_600_000) * 3600;
    const query = new URLSearchParams({
      expires: String(expiresSec),
      token: this.token(characterId, index, expiresSec),
    });
    return `${origin}/storage/refs/${characterId}/${index}?${query.toString()}`;
  }

  check(
    characterId: string,
    index: number,
    expires: string | undefined,
    token: string | undefined,
    nowMs: number,
  ): RefUrlCheck {
    const expiresSec = expires !== undefined && /^\d{1,11}$/.test(expires) ? Number(expires) : NaN;
    if (Number.isNaN(expiresSec) || !token || !hexEquals(this.token(characterId, index, expiresSec), token)) {
      return { ok: false, reason: "invalid" };
    }
    return nowMs >= expiresSec * 1000 ? { ok: false, reason: "expired" } : { ok: true };
  }
}
