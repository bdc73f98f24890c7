import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  Aurous,
  AurousConflictError,
  AurousInvalidRequestError,
  AurousRateLimitError,
  AurousServerError,
  AurousUndocumentedResponseError,
} from "../src/index.js";
import { API_KEY, CHARACTER_ID, character } from "./support/fixtures.js";
import { errorBody, type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;
let client: Aurous;

beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, retryBackoff: { initialDelayMs: 20, maxDelayMs: 100 } });
});

const synthesize = { name: "Aurora", generate: true, attributes: { gender: "female", age: 28 } } as const;

describe("retries", () => {
  it("waits for Retry-After after a 429, then succeeds", async () => {
    stub.reset((_req, res, n) =>
      n === 0
        ? sendJson(res, 429, errorBody("rate_limit", "too_many_requests"), { "Retry-After": "1" })
        : sendJson(res, 200, character()),
    );
    const started = performance.now();
    const { data } = await client.characters.get(CHARACTER_ID);
    expect(data.id).toBe(CHARACTER_ID);
    expect(stub.requests).toHaveLength(2);
    // Retry-After: 1 is honoured instead of the 20 ms backoff.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("does not sleep past maxRetryAfterMs: a longer Retry-After is thrown at once", async () => {
    stub.reset((_req, res) =>
      sendJson(res, 429, errorBody("rate_limit", "too_many_requests"), { "Retry-After": "3600" }),
    );
    const error = await client.characters.get(CHARACTER_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousRateLimitError);
    expect((error as AurousRateLimitError).retryAfterMs).toBe(3_600_000);
    expect(stub.requests).toHaveLength(1);
  });

  it("retries a 503 (undocumented, but a 5xx) and then succeeds", async () => {
    stub.reset((_req, res, n) => (n === 0 ? res.writeHead(503).end("unavailable") : sendJson(res, 200, character())));
    const { data, requestId } = await client.characters.get(CHARACTER_ID);
    expect(data.status).toBe("ready");
    expect(requestId).toMatch(/^req_/);
    expect(stub.requests).toHaveLength(2);
  });

  it("retries 409 idempotency_key_in_use with the same key while the first request runs (Retry-After), and returns the replay", async () => {
    stub.reset((_req, res, n) =>
      n < 2
        ? sendJson(res, 409, errorBody("invalid_request", "idempotency_key_in_use"), { "Retry-After": "0" })
        : sendJson(res, 201, character({ status: "synthesizing", refs: [] }), { "Aurous-Idempotent-Replayed": "true" }),
    );
    const result = await client.characters.create(synthesize);
    expect(result.replayed).toBe(true);
    expect(result.data.status).toBe("synthesizing");
    expect(stub.requests).toHaveLength(3);
    const keys = stub.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    // Every attempt carries the same body, so the server can match it to the stored request.
    expect(new Set(stub.requests.map((r) => r.body.toString())).size).toBe(1);
  });

  it("sends the same caller-supplied Idempotency-Key on every retry", async () => {
    stub.reset((_req, res, n) =>
      n < 2 ? sendJson(res, 500, errorBody("server_error", "internal_error")) : sendJson(res, 200, character()),
    );
    await client.characters.regenerateRef(CHARACTER_ID, { pose: "side" }, { idempotencyKey: "order-42-regen" });
    expect(stub.requests.map((r) => r.headers["idempotency-key"])).toEqual([
      "order-42-regen",
      "order-42-regen",
      "order-42-regen",
    ]);
  });

  it("gives each call its own generated key", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    await client.characters.resynthesize(CHARACTER_ID);
    await client.characters.resynthesize(CHARACTER_ID);
    const [a, b] = stub.requests.map((r) => r.headers["idempotency-key"]);
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it("sends no Idempotency-Key on operations that do not honour it", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    await client.characters.save(CHARACTER_ID);
    expect(stub.requests[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  it("never retries a 400", async () => {
    stub.reset((_req, res) => sendJson(res, 400, errorBody("invalid_request", "invalid_request_error")));
    const error = await client.characters.save(CHARACTER_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousInvalidRequestError);
    expect(stub.requests).toHaveLength(1);
  });

  it("stops after the per-call maxRetries", async () => {
    stub.reset((_req, res) => sendJson(res, 500, errorBody("server_error", "internal_error")));
    const error = await client.characters.get(CHARACTER_ID, { maxRetries: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousServerError);
    expect(stub.requests).toHaveLength(2);
  });

  it("retries 409 only as many times as allowed, then throws the conflict", async () => {
    stub.reset((_req, res) =>
      sendJson(res, 409, errorBody("invalid_request", "idempotency_key_in_use"), { "Retry-After": "0" }),
    );
    const error = await client.characters.create(synthesize).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousConflictError);
    expect(stub.requests).toHaveLength(3); // the default maxRetries is 2
  });

  it("never retries a 409 without Retry-After: the key was reused with another body, which cannot succeed", async () => {
    stub.reset((_req, res) => sendJson(res, 409, errorBody("invalid_request", "idempotency_key_in_use")));
    const error = await client.characters.create(synthesize).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousConflictError);
    expect(stub.requests).toHaveLength(1);
  });

  it("throws the last undocumented 5xx once retries are spent", async () => {
    stub.reset((_req, res) => res.writeHead(502, { "Content-Type": "text/html" }).end("<h1>Bad gateway</h1>"));
    const error = await client.characters.get(CHARACTER_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousUndocumentedResponseError);
    expect((error as AurousUndocumentedResponseError).status).toBe(502);
    expect(stub.requests).toHaveLength(3);
  });
});
