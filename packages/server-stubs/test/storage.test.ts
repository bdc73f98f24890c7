// The signed upload PUT, mounted when the implementation provides uploadCharacterImage: no API key,
// no rate limit, no Aurous-Version; raw image bytes up to 10 MiB; failures use its own codes.
import { request } from "node:http";
import type { AddressInfo } from "node:net";
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
    const res = await app.inject({
      method: "PUT",
      url: URL_OK,
      headers: { "content-type": "image/jpeg" },
      payload: jpeg,
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
    expect(res.headers["aurous-request-id"]).toMatch(/^req_/);
    expect(res.headers["aurous-version"]).toBeUndefined();
    expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
    expect(received.at(-1)).toEqual({ id: UPLOAD_ID, bytes: jpeg.length, type: "image/jpeg" });
  });

  it("refuses a malformed signature query before the body: 401 whatever the Content-Type, connection closed", async () => {
    const res = await app.inject({
      method: "PUT",
      url: `/storage/uploads/${UPLOAD_ID}`,
      headers: { "content-type": "text/plain" },
      payload: "hello",
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("signature_invalid");
    expect(res.headers.connection).toBe("close");
    // Without a body there is nothing to drain, so the connection stays open.
    const empty = await app.inject({
      method: "PUT",
      url: `/storage/uploads/${UPLOAD_ID}`,
      headers: { "content-type": "image/png" },
    });
    expect(empty.statusCode).toBe(401);
    expect(empty.headers.connection).not.toBe("close");
  });

  it("a missing or malformed signature query → 401 signature_invalid", async () => {
    for (const url of [`/storage/uploads/${UPLOAD_ID}`, `/storage/uploads/${UPLOAD_ID}?expires=1&signature=nothex`]) {
      const res = await app.inject({ method: "PUT", url, headers: { "content-type": "image/png" }, payload: jpeg });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ type: "authentication", code: "signature_invalid" });
    }
  });

  it("an upload id of another kind → 400 upload_invalid; a non-image Content-Type → 400 content_type_mismatch", async () => {
    const badId = await app.inject({
      method: "PUT",
      url: `/storage/uploads/char_x?expires=1&signature=${SIG}`,
      headers: { "content-type": "image/png" },
      payload: jpeg,
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error).toMatchObject({ code: "upload_invalid", param: "upload_id" });
    const text = await app.inject({
      method: "PUT",
      url: URL_OK,
      headers: { "content-type": "text/plain" },
      payload: "hello",
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe("content_type_mismatch");
    const json = await app.inject({
      method: "PUT",
      url: URL_OK,
      headers: { "content-type": "application/json" },
      payload: "{oops",
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe("content_type_mismatch");
  });

  it("over 10 MiB → 413 upload_too_large", async () => {
    const res = await app.inject({
      method: "PUT",
      url: URL_OK,
      headers: { "content-type": "image/webp" },
      payload: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ type: "invalid_request", code: "upload_too_large" });
  });

  it("is not mounted when the implementation leaves it out (the implementation may serve it itself)", async () => {
    const res = await without.inject({
      method: "PUT",
      url: URL_OK,
      headers: { "content-type": "image/jpeg" },
      payload: jpeg,
    });
    expect(res.statusCode).toBe(404);
    const own = server();
    own.addContentTypeParser("image/jpeg", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
    own.put("/storage/uploads/:upload_id", async (_req, reply) => reply.code(204).send());
    const served = await own.inject({
      method: "PUT",
      url: URL_OK,
      headers: { "content-type": "image/jpeg" },
      payload: jpeg,
    });
    expect(served.statusCode).toBe(204);
    await own.close();
  });
});

describe("checkUpload: the URL judged before the body is read", () => {
  const seen: Array<{ id: string; signature: string; contentType: string | undefined }> = [];
  const handled: string[] = [];
  const guarded = server({
    implementation: {
      ...implementation(),
      uploadCharacterImage: (req) => {
        handled.push(req.params.upload_id);
        return { status: 204 };
      },
    },
    checkUpload: (req) => {
      seen.push({
        id: req.params.upload_id,
        signature: req.query.signature,
        contentType: req.raw.headers["content-type"],
      });
      if (req.query.signature !== SIG) return req.fail(401, "signature_invalid", "The signature does not match.");
      if (req.raw.headers["content-type"] !== "image/jpeg")
        return req.fail(400, "content_type_mismatch", "This URL was signed for image/jpeg.");
      return undefined;
    },
  });
  const badCode = server({
    implementation: { ...implementation(), uploadCharacterImage: () => ({ status: 204 }) },
    // An undocumented code, as a JavaScript implementation could return: the runtime answers 500.
    checkUpload: () => ({ status: 401, error: { code: "nope", message: "undocumented" } }) as never,
  });
  afterAll(async () => {
    await guarded.close();
    await badCode.close();
  });
  const forged = `/storage/uploads/${UPLOAD_ID}?expires=1778235300&signature=${"b".repeat(64)}`;

  it("refuses a forged URL with its own code, and never calls the handler", async () => {
    const res = await guarded.inject({
      method: "PUT",
      url: forged,
      headers: { "content-type": "image/jpeg" },
      payload: jpeg,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: "signature_invalid", request_id: res.headers["aurous-request-id"] });
    expect(seen.at(-1)).toEqual({ id: UPLOAD_ID, signature: "b".repeat(64), contentType: "image/jpeg" });
    expect(handled).toEqual([]);
  });

  it("answers a forged URL with 401 even when its Content-Type or size would also be refused", async () => {
    const text = await guarded.inject({
      method: "PUT",
      url: forged,
      headers: { "content-type": "text/plain" },
      payload: "hello",
    });
    expect(text.statusCode).toBe(401);
    const huge = await guarded.inject({
      method: "PUT",
      url: forged,
      headers: { "content-type": "image/jpeg" },
      payload: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(huge.statusCode).toBe(401);
  });

  it("lets a good URL through to the handler with its bytes", async () => {
    const res = await guarded.inject({
      method: "PUT",
      url: URL_OK,
      headers: { "content-type": "image/jpeg" },
      payload: jpeg,
    });
    expect(res.statusCode).toBe(204);
    expect(handled).toEqual([UPLOAD_ID]);
    const wrongType = await guarded.inject({
      method: "PUT",
      url: URL_OK,
      headers: { "content-type": "image/png" },
      payload: jpeg,
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.code).toBe("content_type_mismatch");
    expect(handled).toEqual([UPLOAD_ID]);
  });

  it("answers while the body is still on its way, and closes the connection (over a real socket)", async () => {
    await guarded.listen({ host: "127.0.0.1", port: 0 });
    const { port } = guarded.server.address() as AddressInfo;
    // Announce 10 MiB, send 1 KiB, and wait: the answer must come without the rest of the body, and
    // the server must then close the connection rather than read 10 MiB it would throw away.
    const answer = await new Promise<{ status: number; body: string; connection: string | undefined }>(
      (resolve, reject) => {
        const req = request({
          host: "127.0.0.1",
          port,
          method: "PUT",
          path: forged,
          headers: { "content-type": "image/jpeg", "content-length": 10 * 1024 * 1024 },
        });
        const timer = setTimeout(() => {
          req.destroy();
          reject(new Error("no answer and close before the body was complete"));
        }, 5_000);
        let closed!: Promise<void>;
        req.on("socket", (socket) => {
          closed = new Promise((done) => socket.once("close", () => done()));
        });
        let answered = false;
        req.on("response", (res) => {
          answered = true;
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => {
            void closed.then(() => {
              clearTimeout(timer);
              resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection });
            });
          });
        });
        // Once answered, a reset of the half-sent body is the expected end of this connection.
        req.on("error", (error) => {
          if (answered) return;
          clearTimeout(timer);
          reject(error);
        });
        req.write(Buffer.alloc(1024));
      },
    );
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).error.code).toBe("signature_invalid");
    expect(answer.connection).toBe("close");
  });

  it("turns an undocumented refusal into 500 internal_error", async () => {
    const res = await badCode.inject({
      method: "PUT",
      url: URL_OK,
      headers: { "content-type": "image/jpeg" },
      payload: jpeg,
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe("internal_error");
  });

  it("is refused at startup without an uploadCharacterImage handler to guard", () => {
    expect(() => server({ checkUpload: () => undefined })).toThrow(
      /checkUpload needs a signed-URL operation.s handler to guard \(uploadCharacterImage\)/,
    );
  });
});
