// The logger, log levels (option and AUROUS_LOG) and the request/response/retry/error events, all
// raised by core/invoke.ts so that every operation has them.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  Aurous,
  AurousError,
  AurousNotFoundError,
  type ErrorEvent,
  type Logger,
  onClientEvent,
  type RequestEvent,
  type ResponseEvent,
  type RetryEvent,
} from "../src/index.js";
import { API_KEY, CHARACTER_ID, character, UPLOAD_ID } from "./support/fixtures.js";
import { errorBody, REQUEST_ID, type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());
afterEach(() => vi.unstubAllEnvs());

/** A logger that records `level message` lines (and any extra arguments, stringified). */
function recordingLogger() {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (message: string, ...rest: unknown[]) =>
      lines.push([`${level} ${message}`, ...rest.map((r) => JSON.stringify(r))].join(" "));
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

const backoff = { initialDelayMs: 10, maxDelayMs: 20 };

/** 500 on the first request, then the character. */
const serveFlaky = () =>
  stub.reset((_req, res, n) =>
    n === 0 ? sendJson(res, 500, errorBody("server_error", "internal_error")) : sendJson(res, 200, character()),
  );

describe("hooks and events", () => {
  it("report request, response and retry with method, url, attempt, status, request id, timing and delay", async () => {
    serveFlaky();
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const retries: RetryEvent[] = [];
    const client = new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      retryBackoff: backoff,
      logLevel: "off",
      hooks: { onRequest: (e) => requests.push(e), onResponse: (e) => responses.push(e) },
    });
    client.on("retry", (e) => retries.push(e));
    await client.characters.get(CHARACTER_ID);

    const url = `${stub.url}/v1/characters/${CHARACTER_ID}`;
    expect(requests.map((e) => [e.operation, e.method, e.url, e.attempt])).toEqual([
      ["getCharacter", "GET", url, 1],
      ["getCharacter", "GET", url, 2],
    ]);
    // The key never reaches a listener in full.
    expect(requests[0]!.headers["X-Api-Key"]).toBe(`al_live_…${API_KEY.slice(-4)}`);
    expect(JSON.stringify(requests)).not.toContain(API_KEY);
    expect(responses.map((e) => [e.status, e.attempt, e.requestId, e.url])).toEqual([
      [500, 1, REQUEST_ID, url],
      [200, 2, REQUEST_ID, url],
    ]);
    expect(responses.every((e) => e.elapsedMs >= 0)).toBe(true);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({
      operation: "getCharacter",
      method: "GET",
      url,
      attempt: 1,
      status: 500,
      reason: "HTTP 500 internal_error",
    });
    expect(retries[0]!.delayMs).toBeGreaterThan(0);
  });

  it("report a call that gives up with the error event; on() returns an unsubscribe", async () => {
    stub.reset((_req, res) => sendJson(res, 404, errorBody("not_found", "resource_not_found")));
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, logLevel: "off" });
    const errors: ErrorEvent[] = [];
    const off = onClientEvent(client, "error", (e) => errors.push(e));
    await expect(client.characters.get(CHARACTER_ID)).rejects.toBeInstanceOf(AurousNotFoundError);
    off();
    await expect(client.characters.get(CHARACTER_ID)).rejects.toBeInstanceOf(AurousNotFoundError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ operation: "getCharacter", attempt: 1, retryable: false, requestId: REQUEST_ID });
    expect(errors[0]!.error).toBeInstanceOf(AurousNotFoundError);
  });

  it("cover the upload PUT too (every operation goes through invoke)", async () => {
    stub.reset((req, res) =>
      req.method === "PUT"
        ? res.writeHead(204).end()
        : sendJson(res, 201, {
            upload_id: UPLOAD_ID,
            upload_url: `${stub.url}/storage/uploads/${UPLOAD_ID}?expires=1&signature=${"9b".repeat(32)}`,
            upload_headers: { "Content-Type": "image/png" },
            expires_at: "2026-05-08T10:15:00Z",
          }),
    );
    const seen: string[] = [];
    const client = new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      logLevel: "off",
      hooks: { onResponse: (e) => seen.push(`${e.operation} ${e.method} ${e.status}`) },
    });
    await client.uploads.upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), {
      filename: "a.png",
    });
    expect(seen).toEqual(["initCharacterUpload POST 201", "uploadCharacterImage PUT 204"]);
  });

  it("a throwing listener does not fail the call; it is logged", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    const { logger, lines } = recordingLogger();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, logger, logLevel: "error" });
    client.on("response", () => {
      throw new Error("listener bug");
    });
    await expect(client.characters.get(CHARACTER_ID)).resolves.toMatchObject({ data: { id: CHARACTER_ID } });
    expect(lines).toEqual([expect.stringMatching(/^error @aurous\/client: a "response" listener threw/)]);
  });

  it("rejects an unknown event name", () => {
    const client = new Aurous({ apiKey: API_KEY, logLevel: "off" });
    expect(() => client.on("responce" as "response", () => {})).toThrow(TypeError);
  });
});

describe("logger and logLevel", () => {
  it("debug logs requests (key redacted), responses and retries, with the event fields as an object", async () => {
    serveFlaky();
    const { logger, lines } = recordingLogger();
    await new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      retryBackoff: backoff,
      logger,
      logLevel: "debug",
    }).characters.get(CHARACTER_ID);
    const where = `getCharacter GET ${stub.url}/v1/characters/${CHARACTER_ID}`;
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^debug @aurous/client request ${where} \\{"attempt":1,"headers":\\{.*"X-Api-Key":"al_live_…aaaa"`),
      ),
      expect.stringMatching(
        new RegExp(
          `^info @aurous/client response ${where} \\{"attempt":1,"requestId":"${REQUEST_ID}","status":500,"elapsedMs":`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^info @aurous/client retry ${where} \\{"attempt":1,.*"delayMs":.*"reason":"HTTP 500 internal_error","status":500,"error":"AurousServerError: `,
        ),
      ),
      expect.stringMatching(new RegExp(`^debug @aurous/client request ${where} \\{"attempt":2,`)),
      expect.stringMatching(new RegExp(`^info @aurous/client response ${where} \\{"attempt":2,.*"status":200,`)),
    ]);
    expect(lines.join("\n")).not.toContain(API_KEY);
  });

  it("warn (the default) stays quiet about retries and failures the caller sees anyway; off logs nothing", async () => {
    serveFlaky();
    const warn = recordingLogger();
    await new Aurous({ apiKey: API_KEY, baseUrl: stub.url, retryBackoff: backoff, logger: warn.logger }).characters.get(
      CHARACTER_ID,
    );
    expect(warn.lines).toEqual([]);
    const info = recordingLogger();
    serveFlaky();
    await new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      retryBackoff: backoff,
      logger: info.logger,
      logLevel: "info",
    }).characters.get(CHARACTER_ID);
    expect(info.lines).toEqual([
      expect.stringMatching(/^info @aurous\/client response .*"status":500/),
      expect.stringMatching(/^info @aurous\/client retry .*"reason":"HTTP 500 internal_error"/),
      expect.stringMatching(/^info @aurous\/client response .*"status":200/),
    ]);

    serveFlaky();
    const off = recordingLogger();
    await new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      retryBackoff: backoff,
      logger: off.logger,
      logLevel: "off",
    }).characters.get(CHARACTER_ID);
    expect(off.lines).toEqual([]);
  });

  it("info logs a call that gives up, after its retries", async () => {
    stub.reset((_req, res) => sendJson(res, 500, errorBody("server_error", "internal_error")));
    const { logger, lines } = recordingLogger();
    const client = new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      retryBackoff: backoff,
      maxRetries: 1,
      logger,
      logLevel: "info",
    });
    await expect(client.characters.get(CHARACTER_ID)).rejects.toThrow(AurousError);
    expect(lines.at(-1)).toMatch(
      /^info @aurous\/client error getCharacter GET .*"attempt":2,.*"retryable":true,.*"error":"AurousServerError: /,
    );
  });

  it("takes the level from AUROUS_LOG; the option wins; a bad value is reported", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    vi.stubEnv("AUROUS_LOG", "INFO");
    const fromEnv = recordingLogger();
    await new Aurous({ apiKey: API_KEY, baseUrl: stub.url, logger: fromEnv.logger }).characters.get(CHARACTER_ID);
    expect(fromEnv.lines).toEqual([
      expect.stringMatching(/^info @aurous\/client response getCharacter GET .*"status":200/),
    ]);

    const option = recordingLogger();
    await new Aurous({ apiKey: API_KEY, baseUrl: stub.url, logger: option.logger, logLevel: "warn" }).characters.get(
      CHARACTER_ID,
    );
    expect(option.lines).toEqual([]);

    vi.stubEnv("AUROUS_LOG", "verbose");
    const bad = recordingLogger();
    new Aurous({ apiKey: API_KEY, logger: bad.logger });
    expect(bad.lines).toEqual([
      expect.stringMatching(
        /^warn @aurous\/client: AUROUS_LOG "verbose" is not one of off, error, warn, info, debug; using warn/,
      ),
    ]);
    expect(() => new Aurous({ apiKey: API_KEY, logLevel: "loud" as "info" })).toThrow(AurousError);
  });

  it("redacts the signature of a signed upload URL in log lines", async () => {
    const signature = "9b".repeat(32);
    stub.reset((req, res) =>
      req.method === "PUT"
        ? res.writeHead(204).end()
        : sendJson(res, 201, {
            upload_id: UPLOAD_ID,
            upload_url: `${stub.url}/storage/uploads/${UPLOAD_ID}?expires=1&signature=${signature}`,
            upload_headers: { "Content-Type": "image/png" },
            expires_at: "2026-05-08T10:15:00Z",
          }),
    );
    const { logger, lines } = recordingLogger();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, logger, logLevel: "debug" });
    await client.uploads.upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), {
      filename: "a.png",
    });
    expect(lines.join("\n")).toContain("signature=<redacted>");
    expect(lines.join("\n")).not.toContain(signature);
  });

  it("routes the version-mismatch warning through the logger", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character(), { "Aurous-Version": "2026-06-01" }));
    const { logger, lines } = recordingLogger();
    await new Aurous({ apiKey: API_KEY, baseUrl: stub.url, logger }).characters.get(CHARACTER_ID);
    expect(lines).toEqual([
      expect.stringMatching(
        /^warn @aurous\/client getCharacter: pinned Aurous-Version 2026-05-15, server applied 2026-06-01/,
      ),
    ]);
  });
});

describe("error event on abort", () => {
  it("fires when the caller aborts during a retry delay", async () => {
    stub.reset((_req, res) => sendJson(res, 500, errorBody("server_error", "internal_error")));
    const client = new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      retryBackoff: { initialDelayMs: 5_000 },
      logLevel: "off",
    });
    const errors: ErrorEvent[] = [];
    client.on("error", (e) => errors.push(e));
    const controller = new AbortController();
    client.on("retry", () => controller.abort());
    await expect(client.characters.get(CHARACTER_ID, { signal: controller.signal })).rejects.toThrow(/aborted/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ attempt: 1, retryable: false, requestId: REQUEST_ID });
    expect(errors[0]!.error.name).toBe("AurousAbortError");
  });
});
