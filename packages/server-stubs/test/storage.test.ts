// The signed upload PUT, mounted when the implementation provides uploadCharacterImage: no API key,
// no rate limit, no Aurous-Version; raw image bytes up to 10 MiB; failures use its own codes.
import { afterAll, describe, expect, it } from "vitest";
import { implementation, server, UPLOAD_ID } from "./helpers.js";

const SIG = "a".repeat(64);
const URL_OK = `/storage/uploads/${UPLOAD_ID}?expires=1778235300&signature=${SIG}`;
const received: Array<{ id: string; bytes: number; type: string | undefined }> = [];

const app = server({
  implementation: {
    ...implementation(),
    uploadCharacterImage: (req) => {
      if (req.query.signature !== SIG) return req.fail(401, "signature_invalid", "The signature does not match.");
      received.push({ id: req.params.upload_id, bytes: req.body.length, type: req.raw.headers["content-type"] });
      return { status: 204 };
    },
  },
});
const without = server();
afterAll(async () => {
  await app.close();
  await without.close();
});

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

describe("uploadCharacterImage", () => {
  it("stores bytes without an API key and answers 204 with only a request id", async () => {
    const res = await app.inject({ method: "PUT", url: URL_OK, headers: { "content-type": "image/jpeg" }, payload: jpeg });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
    expect(res.headers["aurous-request-id"]).toMatch(/^req_/);
    expect(res.headers["aurous-version"]).toBeUndefined();
    expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
    expect(received.at(-1)).toEqual({ id: UPLOAD_ID, bytes: jpeg.length, type: "image/jpeg" });
  });

  it("a missing or malformed signature query → 401 signature_invalid", async () => {
    for (const url of [`/storage/uploads/${UPLOAD_ID}`, `/storage/uploads/${UPLOAD_ID}?expires=1&signature=nothex`]) {
      const res = await app.inject({ method: "PUT", url, headers: { "content-type": "image/png" }, payload: jpeg });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ type: "authentication", code: "signature_invalid" });
    }
  });

  it("a malformed upload id → 400 upload_invalid; a non-image Content-Type → 400 content_type_mismatch", async () => {
    const badId = await app.inject({ method: "PUT", url: `/storage/uploads/upl_x?expires=1&signature=${SIG}`, headers: { "content-type": "image/png" }, payload: jpeg });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error).toMatchObject({ code: "upload_invalid", param: "upload_id" });
    const text = await app.inject({ method: "PUT", url: URL_OK, headers: { "content-type": "text/plain" }, payload: "hello" });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe("content_type_mismatch");
    const json = await app.inject({ method: "PUT", url: URL_OK, headers: { "content-type": "application/json" }, payload: "{oops" });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe("content_type_mismatch");
  });

  it("over 10 MiB → 413 upload_too_large", async () => {
    const res = await app.inject({ method: "PUT", url: URL_OK, headers: { "content-type": "image/webp" }, payload: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ type: "invalid_request", code: "upload_too_large" });
  });

  it("is not mounted when the implementation leaves it out (the implementation may serve it itself)", async () => {
    const res = await without.inject({ method: "PUT", url: URL_OK, headers: { "content-type": "image/jpeg" }, payload: jpeg });
    expect(res.statusCode).toBe(404);
    const own = server();
    own.addContentTypeParser("image/jpeg", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
    own.put("/storage/uploads/:upload_id", async (_req, reply) => reply.code(204).send());
    const served = await own.inject({ method: "PUT", url: URL_OK, headers: { "content-type": "image/jpeg" }, payload: jpeg });
    expect(served.statusCode).toBe(204);
    await own.close();
  });
});
