import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Aurous, AurousAbortError, AurousConnectionError, AurousError, AurousTimeoutError } from "../src/index.js";
import { API_KEY, CHARACTER_ID, character } from "./support/fixtures.js";
import { freePort } from "./support/ports.js";
import { errorBody, type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;
const backoff = { initialDelayMs: 20, maxDelayMs: 100 };

beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

describe("timeouts and aborts", () => {
  it("times out an attempt after timeoutMs", async () => {
    stub.reset((_req, res) => setTimeout(() => sendJson(res, 200, character()), 1_000));
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, timeoutMs: 100, maxRetries: 0 });
    const started = performance.now();
    const error = await client.characters.get(CHARACTER_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousTimeoutError);
    expect(error).toBeInstanceOf(AurousConnectionError);
    expect((error as AurousTimeoutError).timeoutMs).toBe(100);
    expect(performance.now() - started).toBeLessThan(900);
  });

  it("retries a timed-out attempt like a connection error", async () => {
    stub.reset((_req, res, n) =>
      n === 0 ? setTimeout(() => sendJson(res, 200, character()), 1_000) : sendJson(res, 200, character()),
    );
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, timeoutMs: 100, retryBackoff: backoff });
    const { data } = await client.characters.get(CHARACTER_ID);
    expect(data.id).toBe(CHARACTER_ID);
    expect(stub.requests).toHaveLength(2);
  });

  it("lets a per-call timeoutMs override the client", async () => {
    stub.reset((_req, res) => setTimeout(() => sendJson(res, 200, character()), 300));
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, timeoutMs: 50, maxRetries: 0 });
    const { data } = await client.characters.get(CHARACTER_ID, { timeoutMs: 2_000 });
    expect(data.id).toBe(CHARACTER_ID);
  });

  // By default the client adds no timeout of its own, so fetch gets no signal (and spares its
  // per-signal bookkeeping); with timeoutMs, or a caller signal, every attempt carries one.
  it.each([
    ["no timeoutMs, no caller signal", {}, {}, false],
    ["timeoutMs on the client", { timeoutMs: 5_000 }, {}, true],
    ["timeoutMs on the call", {}, { timeoutMs: 5_000 }, true],
    ["a caller signal", {}, { signal: new AbortController().signal }, true],
  ] as const)("hands fetch a signal only when asked: %s", async (_case, clientOptions, callOptions, expected) => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    const signals: unknown[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      signals.push(init?.signal);
      return fetch(input, init);
    };
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, fetch: recordingFetch, ...clientOptions });
    await client.characters.get(CHARACTER_ID, callOptions);
    expect(signals).toHaveLength(1);
    expect(signals[0] instanceof AbortSignal).toBe(expected);
  });

  it.each([0, Infinity])("turns the client-side timeout off with timeoutMs %s", async (timeoutMs) => {
    stub.reset((_req, res) => setTimeout(() => sendJson(res, 200, character()), 150));
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, timeoutMs, maxRetries: 0 });
    const { data } = await client.characters.get(CHARACTER_ID);
    expect(data.id).toBe(CHARACTER_ID);
    // …while a caller signal still works without it.
    const error = await client.characters
      .get(CHARACTER_ID, { signal: AbortSignal.timeout(30) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousAbortError);
  });

  it("aborts an in-flight request with the caller signal, without retrying", async () => {
    stub.reset((_req, res) => setTimeout(() => sendJson(res, 200, character()), 1_000));
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, retryBackoff: backoff });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 50);
    // Tagged: on a loaded machine the previous test's aborted request can reach the stub late.
    const headers = { "x-test-case": "abort-in-flight" };
    const error = await client.characters
      .get(CHARACTER_ID, { signal: controller.signal, headers })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousAbortError);
    expect((error as AurousAbortError).cause).toEqual(new Error("user left"));
    expect(stub.requests.filter((r) => r.headers["x-test-case"] === "abort-in-flight")).toHaveLength(1);
  });

  it("aborts during the backoff between retries", async () => {
    stub.reset((_req, res) => sendJson(res, 500, errorBody("server_error", "internal_error")));
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, retryBackoff: { initialDelayMs: 5_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await client.characters.get(CHARACTER_ID, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousAbortError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(stub.requests).toHaveLength(1);
  });

  it("rejects at once with an already-aborted signal", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url });
    const error = await client.characters.get(CHARACTER_ID, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousAbortError);
    expect(stub.requests).toHaveLength(0);
  });
});

describe("connection errors", () => {
  it("retries a refused connection and then throws AurousConnectionError", async () => {
    const port = await freePort(); // nothing listens there
    let attempts = 0;
    const countingFetch: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const client = new Aurous({
      apiKey: API_KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      fetch: countingFetch,
      retryBackoff: backoff,
    });
    const error = await client.characters.get(CHARACTER_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousConnectionError);
    expect(error).not.toBeInstanceOf(AurousTimeoutError);
    expect((error as AurousConnectionError).operation).toBe("getCharacter");
    expect(attempts).toBe(3);
  });

  it("recovers when a connection error is followed by a good answer", async () => {
    stub.reset((_req, res, n) => (n === 0 ? res.socket?.destroy() : sendJson(res, 200, character())));
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, retryBackoff: backoff });
    const { data } = await client.characters.get(CHARACTER_ID);
    expect(data.id).toBe(CHARACTER_ID);
    expect(stub.requests).toHaveLength(2);
  });

  it("requires an API key", () => {
    expect(() => new Aurous({ apiKey: "" })).toThrow(AurousError);
  });
});
