import { describe, expect, it } from "vitest";
import { newSecret } from "../../src/crypto.js";
import { REF_URL_TTL_MS, RefUrlSigner } from "../../src/refs/signed-url.js";

describe("RefUrlSigner", () => {
  const signer = new RefUrlSigner(newSecret());
  const now = Date.UTC(2026, 4, 8, 10, 30);
  const id = "char_01J00000000000000000000000";
  const url = new URL(signer.url("http://127.0.0.1:4010", id, 2, now));
  const expires = url.searchParams.get("expires")!;
  const token = url.searchParams.get("token")!;

  it("signs a path of the documented shape that expires in about a day", () => {
    expect(url.pathname).toBe(`/storage/refs/${id}/2`);
    expect(Number(expires) * 1000 - now).toBeGreaterThanOrEqual(REF_URL_TTL_MS);
    expect(Number(expires) * 1000 - now).toBeLessThan(REF_URL_TTL_MS + 3_600_000);
    expect(signer.check(id, 2, expires, token, now)).toEqual({ ok: true });
  });

  it("rejects tampering and expiry", () => {
    expect(signer.check(id, 3, expires, token, now)).toEqual({ ok: false, reason: "invalid" });
    expect(signer.check(id, 2, String(Number(expires) + 1), token, now)).toEqual({ ok: false, reason: "invalid" });
    expect(
      signer.check(
        id,
        2,
        expires,
        token.replace(/.$/, (c) => (c === "a" ? "b" : "a")),
        now,
      ),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(signer.check(id, 2, expires, undefined, now)).toEqual({ ok: false, reason: "invalid" });
    expect(signer.check(id, 2, expires, token, Number(expires) * 1000)).toEqual({ ok: false, reason: "expired" });
    expect(new RefUrlSigner(newSecret()).check(id, 2, expires, token, now)).toEqual({ ok: false, reason: "invalid" });
  });
});
