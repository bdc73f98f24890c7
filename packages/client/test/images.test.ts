// client.images: the binary output download (a Blob, never parsed or validated; its errors typed
// as every operation's), createAndWait/waitFor on the one polling loop, the download helpers and
// pagination over generations. A fetch of the test's own answers: no server needed.
import { describe, expect, it } from "vitest";
import {
  Aurous,
  AurousAbortError,
  AurousApiError,
  AurousAuthenticationError,
  AurousGoneError,
  AurousNotFoundError,
  AurousUndocumentedResponseError,
  AurousUnprocessableEntityError,
  AurousWaitTimeoutError,
  createAurous,
  downloadImageOutput,
  type Generation,
  getImageOutput,
  getImageOutputValidators,
  isApiError,
  isTerminalGenerationStatus,
  listImages,
  paginate,
} from "../src/index.js";
import { API_KEY, GENERATION_ID, generation } from "./support/fixtures.js";
import { errorBody, REQUEST_ID } from "./support/stub-server.js";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 0xff]);
const headers = { "Aurous-Request-Id": REQUEST_ID, "Aurous-Version": "2026-05-15" };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const image = (bytes: Uint8Array<ArrayBuffer>, type = "image/png") =>
  new Response(bytes, { status: 200, headers: { "Content-Type": type, ...headers } });

interface Sent {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

/** A client whose fetch answers with `answer(request, index)` and records what was sent. */
function serving(answer: (sent: Sent, index: number) => Response | Promise<Response>, options = {}) {
  const sent: Sent[] = [];
  const client = new Aurous({
    apiKey: API_KEY,
    maxRetries: 0,
    logLevel: "off",
    ...options,
    fetch: async (input, init) => {
      const request: Sent = {
        method: init?.method ?? "GET",
        url: new URL(String(input)),
        headers: init?.headers as Record<string, string>,
        body: typeof init?.body === "string" ? JSON.parse(init.body) : init?.body,
      };
      sent.push(request);
      return answer(request, sent.length - 1);
    },
  });
  return { client, sent };
}

/** Answers GET /v1/images/{id} with the statuses in order (repeating the last); POST with `created`. */
function generations(statuses: string[], created = "pending") {
  let polls = 0;
  return serving((request) => {
    if (request.method === "POST") return json(201, generation({ status: created, output_urls: [] }));
    const status = statuses[Math.min(polls++, statuses.length - 1)]!;
    const done = status === "succeeded";
    return json(200, generation({ status, output_urls: done ? generation().output_urls : [] }));
  });
}

describe("binary responses (getImageOutput)", () => {
  it("resolves to a Blob with the bytes and the media type, neither parsed nor validated", async () => {
    const { client, sent } = serving(() => image(PNG, "image/webp"));
    const result = await client.images.output(GENERATION_ID, "0");
    expect(result.data).toBeInstanceOf(Blob);
    expect(result.data.type).toBe("image/webp");
    expect(new Uint8Array(await result.data.arrayBuffer())).toEqual(PNG);
    expect(result.requestId).toBe(REQUEST_ID);
    expect(sent[0]!.url.pathname).toBe(`/v1/images/${GENERATION_ID}/output/0`);
    // Authenticated: the API key stands in for the token.
    expect(sent[0]!.headers["X-Api-Key"]).toBe(API_KEY);
  });

  it("does the same for the standalone function on a core with its validators", async () => {
    const core = createAurous({
      apiKey: API_KEY,
      validators: { getImageOutput: getImageOutputValidators },
      fetch: async () => image(PNG),
    });
    const { data } = await getImageOutput(core, GENERATION_ID, "0");
    expect(new Uint8Array(await data.arrayBuffer())).toEqual(PNG);
  });

  it.each([
    [401, "authentication", "signature_invalid", AurousAuthenticationError],
    [404, "not_found", "resource_not_found", AurousNotFoundError],
    [410, "not_found", "output_expired", AurousGoneError],
    [422, "invalid_request", "output_not_available", AurousUnprocessableEntityError],
  ])("turns a JSON %i into its typed error class (%s, %s)", async (status, type, code, ErrorClass) => {
    const { client } = serving(() => json(status, errorBody(type, code)));
    const error = await client.images.output(GENERATION_ID, "0").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(Object.getPrototypeOf(ErrorClass)).toBe(AurousApiError);
    expect(isApiError(error, "getImageOutput") && error.code).toBe(code);
  });

  it("keeps an undocumented code undocumented", async () => {
    const { client } = serving(() => json(410, errorBody("not_found", "resource_not_found")));
    await expect(client.images.output(GENERATION_ID, "0")).rejects.toBeInstanceOf(AurousUndocumentedResponseError);
  });

  it("retries a 500 and then reads the bytes", async () => {
    const { client, sent } = serving(
      (_r, n) => (n === 0 ? json(500, errorBody("server_error", "internal_error")) : image(PNG)),
      { maxRetries: 1, retryBackoff: { initialDelayMs: 1 } },
    );
    const { data } = await client.images.output(GENERATION_ID, "0");
    expect(data.size).toBe(PNG.byteLength);
    expect(sent).toHaveLength(2);
  });

  it("still parses the JSON success of every other operation", async () => {
    const { client } = serving(() => json(200, generation()));
    expect((await client.images.get(GENERATION_ID)).data.id).toBe(GENERATION_ID);
  });
});

describe("images.waitFor and createAndWait", () => {
  it("knows pending and processing as the only running statuses", () => {
    expect(["pending", "processing"].map(isTerminalGenerationStatus)).toEqual([false, false]);
    for (const status of ["succeeded", "failed", "cancelled", "moderation_rejected"]) {
      expect(isTerminalGenerationStatus(status)).toBe(true);
    }
  });

  it("creates, then polls until succeeded, passing the idempotency key to the create", async () => {
    const { client, sent } = generations(["processing", "processing", "succeeded"]);
    const body = { prompt: "A lighthouse on a cliff at dusk", character_id: "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR" };
    const { data } = await client.images.createAndWait(body, { idempotencyKey: "gen-1", intervalMs: 5 });
    expect(data.status).toBe("succeeded");
    expect(data.output_urls).toHaveLength(1);
    expect(sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      "POST /v1/images",
      ...Array(3).fill(`GET /v1/images/${GENERATION_ID}`),
    ]);
    expect(sent[0]!.headers["Idempotency-Key"]).toBe("gen-1");
    expect(sent[0]!.body).toEqual(body);
  });

  it.each(["failed", "cancelled", "moderation_rejected"])("resolves with a %s generation", async (status) => {
    const { client } = generations(["pending", status]);
    const { data } = await client.images.createAndWait({ prompt: "x" }, { intervalMs: 5 });
    expect(data.status).toBe(status);
  });

  it("does not poll when the create already answers a terminal status (a replay)", async () => {
    const { client, sent } = generations([], "succeeded");
    const { data } = await client.images.createAndWait({ prompt: "x" }, { idempotencyKey: "gen-1" });
    expect(data.status).toBe("succeeded");
    expect(sent).toHaveLength(1);
  });

  it("first waits 2 s by default", async () => {
    const { client, sent } = generations(["processing", "succeeded"]);
    const started = performance.now();
    await client.images.waitFor(GENERATION_ID);
    expect(sent).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_990);
  });

  it("throws AurousWaitTimeoutError at the deadline, with the last generation seen", async () => {
    const { client } = generations(["processing"]);
    const error = await client.images
      .waitFor(GENERATION_ID, { timeoutMs: 100, intervalMs: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousWaitTimeoutError);
    expect((error as AurousWaitTimeoutError).operation).toBe("getImage");
    expect((error as AurousWaitTimeoutError).generation?.status).toBe("processing");
    expect((error as AurousWaitTimeoutError).character).toBeUndefined();
    expect((error as Error).message).toContain(`generation ${GENERATION_ID} still processing`);
  });

  it("stops when the signal aborts", async () => {
    const { client, sent } = generations(["processing"]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await client.images
      .createAndWait({ prompt: "x" }, { signal: controller.signal, intervalMs: 1_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousAbortError);
    expect((error as AurousAbortError).operation).toBe("getImage");
    expect(sent).toHaveLength(2);
  });

  it("lets a create error through as the create's typed error", async () => {
    const { client, sent } = serving(() => json(402, errorBody("invalid_request", "balance_too_low")));
    const error = await client.images.createAndWait({ prompt: "x" }).catch((e: unknown) => e);
    expect(isApiError(error, "createImage") && error.code).toBe("balance_too_low");
    expect(sent).toHaveLength(1);
  });
});

describe("images.download and downloadAll", () => {
  const outputs = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])];
  const serveOutputs = () =>
    serving((request) => image(outputs[Number(request.url.pathname.split("/").at(-1))]!, "image/jpeg"));

  it("returns the bytes of output n (default 0) for a generation or its id", async () => {
    const { client, sent } = serveOutputs();
    expect(await client.images.download(generation())).toEqual(outputs[0]);
    expect(await client.images.download(GENERATION_ID, 2)).toEqual(outputs[2]);
    expect(sent.map((r) => r.url.pathname)).toEqual([
      `/v1/images/${GENERATION_ID}/output/0`,
      `/v1/images/${GENERATION_ID}/output/2`,
    ]);
    expect(sent.every((r) => r.headers["X-Api-Key"] === API_KEY && !r.url.search)).toBe(true);
  });

  it("downloads every output of a generation, in order", async () => {
    const { client } = serveOutputs();
    const urls = [0, 1, 2].map((n) => `https://api.aurous-labs.com/v1/images/${GENERATION_ID}/output/${n}?token=t`);
    expect(await client.images.downloadAll(generation({ output_urls: urls }))).toEqual(outputs);
    expect(await client.images.downloadAll(generation({ status: "failed", output_urls: [] }))).toEqual([]);
  });

  it("throws the typed error of an expired output", async () => {
    const core = createAurous({
      apiKey: API_KEY,
      fetch: async () => json(410, errorBody("not_found", "output_expired")),
    });
    await expect(downloadImageOutput(core, GENERATION_ID)).rejects.toBeInstanceOf(AurousGoneError);
  });
});

describe("pagination over generations", () => {
  const page = (ids: string[], next: string | null) =>
    json(200, {
      object: "list",
      data: ids.map((id) => generation({ id })),
      has_more: next !== null,
      next_cursor: next,
    });
  const id = (n: number) => `img_01HXMQ7Z3K8Y2NABCDEFGHJKM${"ABC"[n]}`;

  function pages() {
    return serving((request) =>
      request.url.searchParams.get("starting_after") === id(1) ? page([id(2)], null) : page([id(0), id(1)], id(1)),
    );
  }

  it("follows next_cursor as starting_after (images.listAll)", async () => {
    const { client, sent } = pages();
    const seen: Generation[] = [];
    for await (const item of client.images.listAll({ limit: 2 })) seen.push(item);
    expect(seen.map((g) => g.id)).toEqual([id(0), id(1), id(2)]);
    expect(sent.map((r) => r.url.search)).toEqual(["?limit=2", `?limit=2&starting_after=${id(1)}`]);
  });

  it("works through the generic paginate and images.paginate", async () => {
    const { client } = pages();
    expect((await paginate(client, listImages).toArray({ limit: 10 })).map((g) => g.id)).toEqual([id(0), id(1), id(2)]);
    const firstPages = [];
    for await (const p of client.images.paginate().pages()) firstPages.push(p.data.data.length);
    expect(firstPages).toEqual([2, 1]);
  });
});
