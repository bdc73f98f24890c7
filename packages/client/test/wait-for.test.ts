import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Aurous,
  AurousAbortError,
  AurousCharacterFailedError,
  AurousServerError,
  AurousTimeoutError,
  AurousWaitTimeoutError,
  type CharacterStatus,
} from "../src/index.js";
import { API_KEY, CHARACTER_ID, character } from "./support/fixtures.js";
import { errorBody, type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;
let client: Aurous;

beforeAll(async () => {
  stub = await startStub();
  client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 0 });
});
afterAll(() => stub.close());

/** Answers GET with the statuses in order, repeating the last one. */
function serveStatuses(...statuses: CharacterStatus[]) {
  stub.reset((_req, res, n) => {
    const status = statuses[Math.min(n, statuses.length - 1)]!;
    sendJson(
      res,
      200,
      character({ status, error_message: status === "failed" ? "The face could not be kept consistent." : null }),
    );
  });
}

describe("characters.waitFor", () => {
  it("polls until reviewing", async () => {
    serveStatuses("synthesizing", "synthesizing", "reviewing");
    const { data, requestId } = await client.characters.waitFor(CHARACTER_ID, { status: "reviewing", intervalMs: 10 });
    expect(data.status).toBe("reviewing");
    expect(requestId).toMatch(/^req_/);
    expect(stub.requests).toHaveLength(3);
    expect(stub.requests.every((r) => r.url === `/v1/characters/${CHARACTER_ID}`)).toBe(true);
  });

  it("leaves no timer behind once it resolves", async () => {
    serveStatuses("ready");
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    await client.characters.waitFor(CHARACTER_ID, { timeoutMs: 60_000 });
    expect(timers()).toBe(before);
  });

  it("takes a single target status as exactly that status", async () => {
    // "ready" contains "rea": a status compared as a substring would stop at the first answer.
    serveStatuses("rea" as CharacterStatus, "ready");
    const lenient = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 0, validateResponses: false });
    const { data } = await lenient.characters.waitFor(CHARACTER_ID, { status: "ready", intervalMs: 10 });
    expect(data.status).toBe("ready");
    expect(stub.requests).toHaveLength(2);
  });

  it("accepts several target statuses (default reviewing or ready)", async () => {
    serveStatuses("synthesizing", "ready");
    const { data } = await client.characters.waitFor(CHARACTER_ID, { intervalMs: 10 });
    expect(data.status).toBe("ready");
  });

  it("throws AurousCharacterFailedError carrying error_message on failed", async () => {
    serveStatuses("synthesizing", "failed");
    const error = await client.characters
      .waitFor(CHARACTER_ID, { status: "ready", intervalMs: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousCharacterFailedError);
    expect((error as AurousCharacterFailedError).errorMessage).toBe("The face could not be kept consistent.");
    expect((error as AurousCharacterFailedError).character.status).toBe("failed");
  });

  it("returns a failed character when failed is among the targets", async () => {
    serveStatuses("failed");
    const { data } = await client.characters.waitFor(CHARACTER_ID, { status: ["ready", "failed"] });
    expect(data.error_message).toContain("consistent");
  });

  it("throws a timeout error at the deadline, with the last state seen", async () => {
    serveStatuses("synthesizing");
    const started = performance.now();
    const error = await client.characters
      .waitFor(CHARACTER_ID, { timeoutMs: 250, intervalMs: 20, maxIntervalMs: 40 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousWaitTimeoutError);
    expect(error).toBeInstanceOf(AurousTimeoutError);
    expect((error as AurousWaitTimeoutError).character?.status).toBe("synthesizing");
    expect(performance.now() - started).toBeLessThan(1_000);
    // The interval grows: fewer polls than 250 / 20.
    expect(stub.requests.length).toBeGreaterThan(2);
    expect(stub.requests.length).toBeLessThan(12);
  });

  // The deadline bounds the whole wait, not each attempt: a client without a timeout of its own
  // would otherwise wait for the runtime's limits, once per retry.
  it("ends a hung poll and its retries at the deadline", async () => {
    stub.reset(() => {}); // never answers
    const retrying = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 2 });
    const started = performance.now();
    // Tagged: on a loaded machine the previous test's last poll can reach the stub late.
    const headers = { "x-test-case": "hung-poll" };
    const error = await retrying.characters.waitFor(CHARACTER_ID, { timeoutMs: 500, headers }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousWaitTimeoutError);
    expect((error as AurousWaitTimeoutError).character).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(stub.requests.filter((r) => r.headers["x-test-case"] === "hung-poll")).toHaveLength(1);
  });

  it("ends a wait with no time at all (timeoutMs 0) before the first poll", async () => {
    serveStatuses("ready");
    const error = await client.characters.waitFor(CHARACTER_ID, { timeoutMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousWaitTimeoutError);
    expect(stub.requests).toHaveLength(0);
  });

  it("ends a retry delay (Retry-After) at the deadline", async () => {
    stub.reset((_req, res) => sendJson(res, 503, { error: "down" }, { "Retry-After": "30" }));
    const retrying = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 2 });
    const started = performance.now();
    const error = await retrying.characters.waitFor(CHARACTER_ID, { timeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousWaitTimeoutError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(stub.requests).toHaveLength(1);
  });

  it("keeps the client timeout per poll inside the deadline", async () => {
    stub.reset((_req, res, n) => (n === 0 ? undefined : sendJson(res, 200, character({ status: "ready" }))));
    const timed = new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      timeoutMs: 500,
      retryBackoff: { initialDelayMs: 10 },
    });
    const { data } = await timed.characters.waitFor(CHARACTER_ID, { timeoutMs: 5_000 });
    expect(data.status).toBe("ready");
    expect(stub.requests).toHaveLength(2); // the first attempt timed out after 500 ms and was retried
  });

  it("stops when the signal aborts", async () => {
    serveStatuses("synthesizing");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);
    const error = await client.characters
      .waitFor(CHARACTER_ID, { intervalMs: 1_000, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousAbortError);
    expect(stub.requests).toHaveLength(1);
  });

  it("passes maxRetries to every poll as its retry budget", async () => {
    // A 500 first, then ready: a budget of 1 rides it out; the client's own 0 would not.
    stub.reset((_req, res, n) =>
      n === 0
        ? sendJson(res, 500, errorBody("server_error", "internal_error"))
        : sendJson(res, 200, character({ status: "ready" })),
    );
    const fast = new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      maxRetries: 0,
      retryBackoff: { initialDelayMs: 5 },
      logLevel: "off",
    });
    const { data } = await fast.characters.waitFor(CHARACTER_ID, { maxRetries: 1, intervalMs: 10 });
    expect(data.status).toBe("ready");
    expect(stub.requests).toHaveLength(2);

    stub.reset((_req, res) => sendJson(res, 500, errorBody("server_error", "internal_error")));
    const retrying = new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      maxRetries: 3,
      retryBackoff: { initialDelayMs: 5 },
      logLevel: "off",
    });
    await expect(retrying.characters.waitFor(CHARACTER_ID, { maxRetries: 0 })).rejects.toBeInstanceOf(
      AurousServerError,
    );
    expect(stub.requests).toHaveLength(1);
  });
});
