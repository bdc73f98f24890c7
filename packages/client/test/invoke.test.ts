// What a call does with each kind of failed attempt (src/core/invoke.ts): which are retried, and that
// an attempt leaves nothing behind (timers, listeners on the caller's signal) once it is over.
import { getEventListeners } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Aurous,
  AurousConflictError,
  AurousResponseValidationError,
  AurousUndocumentedResponseError,
  createAurous,
  getCharacter,
} from "../src/index.js";
import { API_KEY, CHARACTER_ID, character } from "./support/fixtures.js";
import { errorBody, REQUEST_ID, type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;

beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

const backoff = { initialDelayMs: 5, maxDelayMs: 10 };
const newClient = () => new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 2, retryBackoff: backoff });
const synthesize = { name: "Aurora", generate: true, attributes: { gender: "female", age: 28 } } as const;

describe("attempts that are not retried", () => {
  // Re-sending cannot fix a body that breaks the schema, and would repeat a non-idempotent request.
  it("a success whose body breaks the schema", async () => {
    stub.reset((_req, res) => sendJson(res, 201, character({ refs: [{ pose: "front", url: "not a url" }] })));
    const error = await newClient()
      .characters.create(synthesize)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousResponseValidationError);
    expect(stub.requests).toHaveLength(1);
  });

  it("a 2xx whose body is not JSON", async () => {
    stub.reset((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"id": '));
    const error = await newClient()
      .characters.get(CHARACTER_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousUndocumentedResponseError);
    expect(stub.requests).toHaveLength(1);
  });

  it("a 409 with Retry-After whose code is not idempotency_key_in_use", async () => {
    stub.reset((_req, res) =>
      sendJson(res, 409, errorBody("invalid_request", "idempotency_key_reused"), { "Retry-After": "0" }),
    );
    const error = await newClient()
      .characters.create(synthesize)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousUndocumentedResponseError);
    expect(stub.requests).toHaveLength(1);
  });

  it("a 400 that carries Retry-After", async () => {
    stub.reset((_req, res) =>
      sendJson(res, 400, errorBody("invalid_request", "invalid_request_error"), { "Retry-After": "0" }),
    );
    await expect(newClient().characters.create(synthesize)).rejects.toThrow();
    expect(stub.requests).toHaveLength(1);
  });
});

describe("attempts that are retried", () => {
  it("a body cut off after the headers, like a connection error", async () => {
    stub.reset((_req, res, n) => {
      if (n > 0) return sendJson(res, 200, character());
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Length": "4000",
        "Aurous-Request-Id": REQUEST_ID,
      });
      res.write('{"id": "char_');
      setTimeout(() => res.destroy(), 20);
    });
    const { data } = await newClient().characters.get(CHARACTER_ID);
    expect(data.id).toBe(CHARACTER_ID);
    expect(stub.requests).toHaveLength(2);
  });

  it("409 idempotency_key_in_use with Retry-After, and the documented conflict once retries are spent", async () => {
    stub.reset((_req, res) =>
      sendJson(res, 409, errorBody("invalid_request", "idempotency_key_in_use"), { "Retry-After": "0" }),
    );
    const error = await newClient()
      .characters.create(synthesize)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousConflictError);
    expect(stub.requests).toHaveLength(3);
  });
});

describe("an attempt once it is over", () => {
  const fetchOk: typeof fetch = async () =>
    new Response(JSON.stringify(character()), { status: 200, headers: { "Content-Type": "application/json" } });
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

  it("leaves no listener on the caller signal and no timer running", async () => {
    const core = createAurous({ apiKey: API_KEY, fetch: fetchOk, timeoutMs: 30_000 });
    const controller = new AbortController();
    const before = timers();
    for (let i = 0; i < 3; i++) await getCharacter(core, CHARACTER_ID, { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(timers()).toBe(before);
  });

  it("keeps no timer holding the process without a caller signal", async () => {
    const core = createAurous({ apiKey: API_KEY, fetch: fetchOk, timeoutMs: 30_000 });
    const before = timers();
    await getCharacter(core, CHARACTER_ID);
    expect(timers()).toBe(before);
  });
});
