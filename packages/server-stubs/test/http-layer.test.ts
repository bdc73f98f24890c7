// What Node's HTTP layer refuses before fastify routes anything, sent over raw sockets: every answer
// is the documented envelope with Aurous-Request-Id, and the connection closes after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTimeouts } from "../src/runtime/timeouts.js";
import { AUTH, CHAR_ID, server } from "./helpers.js";
import { exchange, listen, type RawResponse, sendRaw, trickle } from "./raw-http.js";

function expectEnvelope(res: RawResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.headers["aurous-request-id"]).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/);
  const { error } = JSON.parse(res.body) as { error: Record<string, unknown> };
  expect(Object.keys(error).sort()).toEqual(["code", "doc_url", "message", "param", "request_id", "type"]);
  expect(error).toMatchObject({ code, param: null, request_id: res.headers["aurous-request-id"] });
  expect(String(error.message).length).toBeLessThanOrEqual(2000);
}

const KEY = `X-Api-Key: ${AUTH["x-api-key"]}\r\n`;

describe("malformed HTTP/1.1", () => {
  const app = server();
  let port = 0;
  beforeAll(async () => (port = await listen(app)));
  afterAll(() => app.close());

  it.each([
    ["a control byte in a header value", `GET /v1/characters HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n`],
    ["an illegal header name", `GET /v1/characters HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n`],
    ["obs-fold", `GET /v1/characters HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  folded\r\n\r\n`],
    [
      "Content-Length with Transfer-Encoding",
      `POST /v1/characters HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ],
    [
      "a bad chunk",
      `POST /v1/characters HTTP/1.1\r\nHost: x\r\n${KEY}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    ],
    ["an unknown method", `FOO /v1/characters HTTP/1.1\r\nHost: x\r\n\r\n`],
    ["an HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"],
  ])("%s → 400 invalid_request envelope", async (_name, request) => {
    expectEnvelope(await sendRaw(port, request), 400, "invalid_request");
  });

  it("headers over 16 KiB → 431 request_too_large envelope", async () => {
    const res = await sendRaw(port, `GET /v1/characters HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(17_000)}\r\n\r\n`);
    expectEnvelope(res, 431, "request_too_large");
  });

  it("CONNECT → 404 resource_not_found envelope (it used to get no answer at all)", async () => {
    const res = await sendRaw(port, "CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n");
    expectEnvelope(res, 404, "resource_not_found");
  });

  it("a well-formed request on the same server still works", async () => {
    const res = await sendRaw(
      port,
      `GET /v1/characters/${CHAR_ID} HTTP/1.1\r\nHost: x\r\n${KEY}Connection: close\r\n\r\n`,
    );
    expect(res.status).toBe(200);
  });
});

describe("slow clients", () => {
  // Short limits so that the test does not wait long; the defaults are 10 s and 60 s.
  const app = server({ timeouts: { headersMs: 300, requestMs: 600 } });
  let port = 0;
  beforeAll(async () => (port = await listen(app)));
  afterAll(() => app.close());

  it("headers trickled in → 408 envelope and the connection is closed", async () => {
    const res = await exchange(port, (s) =>
      trickle(s, `GET /v1/characters HTTP/1.1\r\nHost: x\r\n${KEY}X-Slow: ${"s".repeat(200)}\r\n\r\n`, 40),
    );
    expectEnvelope(res, 408, "invalid_request");
  });

  it("a JSON body trickled in → 408 envelope and the connection is closed", async () => {
    const body = JSON.stringify({ name: "a".repeat(100) });
    const res = await exchange(port, (s) => {
      s.write(
        `POST /v1/characters HTTP/1.1\r\nHost: x\r\n${KEY}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      trickle(s, body, 40);
    });
    expectEnvelope(res, 408, "invalid_request");
  });

  it("refuses a non-positive timeout at startup", () => {
    expect(() => server({ timeouts: { requestMs: 0 } })).toThrow(/timeouts\.requestMs/);
    expect(() => server({ timeouts: { headersMs: -1 } })).toThrow(/timeouts\.headersMs must be a positive/);
  });
});

describe("timeouts given to Node's HTTP server", () => {
  // Node enforces them: headersTimeout, requestTimeout, and how often it looks for late requests.
  const limits = async (timeouts?: { headersMs?: number; requestMs?: number }) => {
    const app = server(timeouts ? { timeouts } : {});
    const { headersTimeout, requestTimeout, connectionsCheckingInterval } = app.server as typeof app.server & {
      connectionsCheckingInterval: number;
    };
    await app.close();
    return { headersTimeout, requestTimeout, connectionsCheckingInterval };
  };

  it("defaults: 10 s for headers, 60 s for the request, checked every second", async () => {
    expect(await limits()).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 60_000,
      connectionsCheckingInterval: 1_000,
    });
  });

  it("a headers timeout longer than the request timeout is cut to it; checked every quarter of it", async () => {
    expect(await limits({ headersMs: 5_000, requestMs: 1_000 })).toEqual({
      headersTimeout: 1_000,
      requestTimeout: 1_000,
      connectionsCheckingInterval: 250,
    });
  });

  it("checks every quarter of the headers timeout, within [25 ms, 1 s]", () => {
    expect(resolveTimeouts({ headersMs: 200 }).checkEveryMs).toBe(50);
    expect(resolveTimeouts({ headersMs: 40 }).checkEveryMs).toBe(25);
    expect(resolveTimeouts({ headersMs: 8_000 }).checkEveryMs).toBe(1_000);
  });
});
