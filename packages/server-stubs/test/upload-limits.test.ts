// The storage PUT under hostile clients: one signed URL cannot stream many 10 MiB bodies at once,
// attempts per URL are limited, the process caps the bodies it reads at once, and a trickled body
// is cut. Refusals come before the body is read, over raw sockets that announce 10 MiB.
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import type { AurousServerOptions } from "../src/index.js";
import { implementation, server } from "./helpers.js";
import { exchange, listen, type RawResponse, trickle } from "./raw-http.js";

const SIG = "a".repeat(64);
const TEN_MIB = 10 * 1024 * 1024;
const idOf = (n: number) =>
  `upl_01HXMQ7Z3K8Y2NABCDEFGH${String(n)
    .padStart(4, "0")
    .replace(/[01]/g, (d) => (d === "0" ? "A" : "B"))}`;
const head = (id: string, length: number) =>
  `PUT /storage/uploads/${id}?expires=1778235300&signature=${SIG} HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A server whose handler records how many bodies it holds at once. */
function uploadServer(options: Partial<AurousServerOptions> = {}) {
  const seen = { calls: 0, concurrent: 0, peak: 0 };
  app = server({
    ...options,
    implementation: implementation({
      uploadCharacterImage: async () => {
        seen.calls++;
        seen.peak = Math.max(seen.peak, ++seen.concurrent);
        await new Promise((r) => setImmediate(r));
        seen.concurrent--;
        return { status: 204 };
      },
    }),
  });
  return { app, seen };
}

/** Opens one connection per request head; resolves each with its answer. `sockets` lets a test finish a body later. */
function openAll(port: number, heads: string[]) {
  const sockets: Socket[] = [];
  const answers = heads.map((h, i) =>
    exchange(port, (s) => {
      sockets[i] = s;
      s.write(h);
    }),
  );
  return { sockets, answers };
}

/** Waits until `count` of the answers have arrived. */
async function settled(answers: Array<Promise<RawResponse>>, count: number): Promise<Map<number, RawResponse>> {
  const done = new Map<number, RawResponse>();
  answers.forEach((p, i) => void p.then((r) => done.set(i, r)));
  while (done.size < count) await new Promise((r) => setTimeout(r, 10));
  return done;
}

describe("storage PUT limits", () => {
  it("30 concurrent 10 MiB PUTs to one URL: one body is read, 29 are refused before theirs (400 upload_invalid, connection closed)", async () => {
    const { app, seen } = uploadServer({ uploads: { attemptsPerUrl: 100 } });
    const port = await listen(app);
    const { sockets, answers } = openAll(
      port,
      Array.from({ length: 30 }, () => head(idOf(1), TEN_MIB)),
    );
    const refused = await settled(answers, 29);
    for (const res of refused.values()) {
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe("upload_invalid");
      expect(res.headers.connection).toBe("close");
    }
    expect(seen.calls).toBe(0); // no refused body was ever read
    const holder = [...answers.keys()].find((i) => !refused.has(i))!;
    // write, not end: a half-closed request is aborted by Node before it can be answered.
    sockets[holder]!.write(Buffer.alloc(TEN_MIB, 1));
    expect((await answers[holder]!).status).toBe(204);
    expect(seen).toMatchObject({ calls: 1, peak: 1 });
  });

  it("the URL is free again once its PUT is answered", async () => {
    const { app } = uploadServer();
    const port = await listen(app);
    for (let i = 0; i < 3; i++) {
      const res = await exchange(port, (s) => s.write(`${head(idOf(2), 4)}abcd`));
      expect(res.status).toBe(204);
    }
  });

  it("attempts per URL are limited: the 4th PUT of a 3-attempt URL → 400 upload_invalid", async () => {
    const { app } = uploadServer({ uploads: { attemptsPerUrl: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await app.inject({
        method: "PUT",
        url: `/storage/uploads/${idOf(3)}?expires=1778235300&signature=${SIG}`,
        headers: { "content-type": "image/png" },
        payload: Buffer.from("x"),
      });
      statuses.push(res.statusCode);
      if (res.statusCode !== 204)
        expect(res.json().error).toMatchObject({
          code: "upload_invalid",
          message: expect.stringMatching(/used too often/),
        });
    }
    expect(statuses).toEqual([204, 204, 204, 400]);
  });

  it("bodies read at once are capped per process: over maxConcurrent → 500 internal_error before the body", async () => {
    const { app, seen } = uploadServer({ uploads: { maxConcurrent: 3 } });
    const port = await listen(app);
    const { sockets, answers } = openAll(
      port,
      [1, 2, 3, 4, 5].map((n) => head(idOf(10 + n), 8)),
    );
    const refused = await settled(answers, 2);
    for (const res of refused.values()) {
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body).error).toMatchObject({ type: "server_error", code: "internal_error" });
    }
    for (const [i, s] of sockets.entries()) if (!refused.has(i)) s.write("12345678");
    const all = await Promise.all(answers);
    expect(all.filter((r) => r.status === 204)).toHaveLength(3);
    expect(seen.calls).toBe(3);
  });

  it("a body trickled into a signed URL is cut: 408 envelope, connection closed, the URL free again", async () => {
    const { app, seen } = uploadServer({ timeouts: { headersMs: 200, requestMs: 400 } });
    const port = await listen(app);
    const res = await exchange(port, (s) => {
      s.write(head(idOf(4), 100));
      trickle(s, "x".repeat(100), 50);
    });
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body).error.code).toBe("invalid_request");
    expect(seen.calls).toBe(0);
    // The server sees the socket close a moment after the client does: the URL frees up then.
    const put = () =>
      app.inject({
        method: "PUT",
        url: `/storage/uploads/${idOf(4)}?expires=1778235300&signature=${SIG}`,
        headers: { "content-type": "image/png" },
        payload: Buffer.from("x"),
      });
    let again = await put();
    for (let i = 0; i < 50 && again.statusCode === 400; i++) {
      expect(again.json().error.message).toMatch(/in progress/);
      await new Promise((r) => setTimeout(r, 20));
      again = await put();
    }
    expect(again.statusCode).toBe(204);
  });
});
