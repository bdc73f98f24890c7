// Calls at the edges of src/core/invoke.ts and src/core/core.ts, with a fetch of the test's own.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTransport } from "../src/core/transport.js";
import {
  AurousAbortError,
  AurousConnectionError,
  AurousError,
  AurousUndocumentedResponseError,
  createAurous,
  deleteCharacter,
  getCharacter,
  listAllCharacters,
  listCharacters,
  Paginator,
  paginate,
  responseValidators,
  resynthesizeCharacter,
  updateCharacter,
  type VersionMismatch,
} from "../src/index.js";
import { API_KEY, CHARACTER_ID, character } from "./support/fixtures.js";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const emptyList = { object: "list", data: [], has_more: false, next_cursor: null };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("failures before any response", () => {
  it("a body that cannot be serialised ends as an AurousError naming why, not a TypeError", async () => {
    const core = createAurous({ apiKey: API_KEY, maxRetries: 0, fetch: async () => json(200, character()) });
    const error = await updateCharacter(core, CHARACTER_ID, { name: 1n } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousConnectionError);
    expect((error as Error).message).toMatch(/BigInt/);
  });

  it("a fetch that throws something other than an Error", async () => {
    const core = createAurous({ apiKey: API_KEY, maxRetries: 0, fetch: () => Promise.reject("offline") });
    const error = (await getCharacter(core, CHARACTER_ID).catch((e: unknown) => e)) as AurousConnectionError;
    expect(error).toBeInstanceOf(AurousConnectionError);
    expect(error.message).toBe("getCharacter: the request failed");
    expect(error.cause).toBe("offline");
  });

  it("starts no attempt once the caller aborted during the backoff", async () => {
    let calls = 0;
    const core = createAurous({
      apiKey: API_KEY,
      retryBackoff: { initialDelayMs: 400, maxDelayMs: 400 },
      fetch: async () => {
        calls++;
        return json(500, { error: "down" });
      },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await getCharacter(core, CHARACTER_ID, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousAbortError);
    expect(calls).toBe(1);
  });
});

describe("defaults", () => {
  it("backs off 250-500 ms before the first retry", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const at: number[] = [];
    const core = createAurous({
      apiKey: API_KEY,
      maxRetries: 1,
      fetch: async () => {
        at.push(performance.now());
        return at.length === 1 ? json(503, { error: "down" }) : json(200, character());
      },
    });
    await getCharacter(core, CHARACTER_ID);
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(240);
  });

  it("requires an API key, saying so", () => {
    vi.stubEnv("AUROUS_API_KEY", "");
    expect(() => createAurous({ apiKey: "" })).toThrow(
      new AurousError("no API key: pass { apiKey } or set the AUROUS_API_KEY environment variable"),
    );
    vi.unstubAllEnvs();
  });

  it("warns once per distinct version pair", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let applied = "2026-01-01";
    const core = createAurous({
      apiKey: API_KEY,
      fetch: async () => json(200, character(), { "Aurous-Version": applied }),
    });
    await getCharacter(core, CHARACTER_ID);
    await getCharacter(core, CHARACTER_ID);
    applied = "2026-02-02";
    await getCharacter(core, CHARACTER_ID);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining("server applied 2026-01-01"),
      expect.stringContaining("server applied 2026-02-02"),
    ]);
  });
});

describe("version mismatch", () => {
  it("is not reported when the server applied the pinned version or did not say", async () => {
    const mismatches: VersionMismatch[] = [];
    let headers: Record<string, string> = {};
    const core = createAurous({
      apiKey: API_KEY,
      version: "2026-05-15",
      onVersionMismatch: (m) => mismatches.push(m),
      fetch: async () => json(200, character(), headers),
    });
    headers = { "Aurous-Version": "2026-05-15" };
    await getCharacter(core, CHARACTER_ID);
    headers = {};
    await getCharacter(core, CHARACTER_ID);
    expect(mismatches).toEqual([]);
    headers = { "Aurous-Version": "2026-06-01", "Aurous-Request-Id": "req_9" };
    await getCharacter(core, CHARACTER_ID);
    expect(mismatches).toEqual([
      { operation: "getCharacter", requested: "2026-05-15", applied: "2026-06-01", requestId: "req_9" },
    ]);
  });
});

describe("responses", () => {
  it("validates only the operations that have validators", async () => {
    const core = createAurous({
      apiKey: API_KEY,
      validators: { getCharacter: responseValidators.getCharacter },
      fetch: async () => json(200, emptyList),
    });
    expect((await listCharacters(core)).data.data).toEqual([]);
  });

  it.each([{ error: "nope" }, { error: null }, { error: { code: 5 } }, null])(
    "an error body that is not the envelope (%j) is undocumented, saying so",
    async (body) => {
      const core = createAurous({ apiKey: API_KEY, maxRetries: 0, fetch: async () => json(404, body) });
      const error = (await getCharacter(core, CHARACTER_ID).catch(
        (e: unknown) => e,
      )) as AurousUndocumentedResponseError;
      expect(error).toBeInstanceOf(AurousUndocumentedResponseError);
      expect(error.message).toBe("getCharacter: the body is not the documented error envelope (HTTP 404)");
    },
  );

  it("names an undocumented status and a 2xx body that is not JSON", async () => {
    const teapot = createAurous({
      apiKey: API_KEY,
      maxRetries: 0,
      fetch: async () => json(418, { error: { code: "x" } }),
    });
    await expect(getCharacter(teapot, CHARACTER_ID)).rejects.toThrow(
      "getCharacter: HTTP 418 is not documented for this operation (HTTP 418)",
    );
    const garbled = createAurous({
      apiKey: API_KEY,
      maxRetries: 0,
      fetch: async () => new Response("{", { status: 200 }),
    });
    await expect(getCharacter(garbled, CHARACTER_ID)).rejects.toThrow("getCharacter: the body is not JSON (HTTP 200)");
  });

  it("sends DELETE for a delete", async () => {
    const methods: string[] = [];
    const core = createAurous({
      apiKey: API_KEY,
      fetch: async (_url, init) => {
        methods.push(String(init?.method));
        return json(200, { id: CHARACTER_ID, object: "character", deleted: true });
      },
    });
    await deleteCharacter(core, CHARACTER_ID).catch(() => {});
    expect(methods).toEqual(["DELETE"]);
  });
});

describe("listAll", () => {
  const page = (next: string | null, hasMore: boolean) => ({
    object: "list",
    data: [character()],
    has_more: hasMore,
    next_cursor: next,
  });

  it("stops when has_more is false, whatever next_cursor says", async () => {
    const urls: string[] = [];
    const core = createAurous({
      apiKey: API_KEY,
      fetch: async (url) => {
        urls.push(String(url));
        return json(200, page("char_x", false));
      },
    });
    const all = [];
    for await (const item of listAllCharacters(core)) all.push(item);
    expect(all).toHaveLength(1);
    expect(urls).toHaveLength(1);
  });

  it("names the repeated cursor", async () => {
    const core = createAurous({ apiKey: API_KEY, fetch: async () => json(200, page("char_same", true)) });
    const drain = async () => {
      for await (const _ of listAllCharacters(core)) {
        // draining
      }
    };
    await expect(drain()).rejects.toThrow("listCharacters: next_cursor char_same repeated");
  });

  it("sends no `?` for a query whose values are all absent, and no header left undefined", async () => {
    const seen: Array<{ url: string; headers: Headers }> = [];
    const core = createAurous({
      apiKey: API_KEY,
      fetch: async (url, init) => {
        seen.push({ url: String(url), headers: new Headers(init?.headers) });
        return json(200, page(null, false));
      },
    });
    await listCharacters(core, { limit: undefined, starting_after: undefined });
    expect(seen[0]!.url).toMatch(/\/v1\/characters$/);
    for (const [name, value] of seen[0]!.headers) expect(value, name).not.toBe("undefined");
    expect(seen[0]!.headers.has("content-type")).toBe(false);
    // An optional body left out: no Content-Type either.
    await resynthesizeCharacter(core, CHARACTER_ID);
    expect(seen[1]!.headers.has("content-type")).toBe(false);
    for (const [name, value] of seen[1]!.headers) expect(value, name).not.toBe("undefined");
  });

  it("appends a query to a URL that has one of its own with `&`", async () => {
    const urls: string[] = [];
    const transport = createTransport({
      baseUrl: "https://storage.example",
      apiKey: API_KEY,
      fetch: async (url) => {
        urls.push(String(url));
        return json(200, {});
      },
    });
    await transport.get({ url: "/o/1?sig=a", query: { n: 2, tags: ["x", "y z"] } });
    await transport.get({ url: "/o/1", query: { n: 2 } });
    expect(urls).toEqual([
      "https://storage.example/o/1?sig=a&n=2&tags=x&tags=y%20z",
      "https://storage.example/o/1?n=2",
    ]);
  });

  it("hands a list function the caller's query as given for the first page", async () => {
    const core = createAurous({ apiKey: API_KEY, fetch: async () => json(200, page(null, false)) });
    const queries: object[] = [];
    const spy = [
      (c: typeof core, q: object) => {
        queries.push(q);
        return listCharacters(c, q);
      },
    ][0]!;
    const query = { limit: 5 };
    for await (const _ of paginate(core, spy as typeof listCharacters, query)) {
      // draining
    }
    expect(queries).toEqual([{ limit: 5 }]);
    expect(Object.keys(queries[0]!)).toEqual(["limit"]);
  });

  it("calls a list without a name `list` in that message", async () => {
    const core = createAurous({ apiKey: API_KEY, fetch: async () => json(200, page("char_same", true)) });
    const anonymous = [(c: typeof core, q: object) => listCharacters(c, q)][0]!;
    const drain = async (list: Paginator<unknown>) => {
      for await (const _ of list) {
        // draining
      }
    };
    const fetchPage = () => listCharacters(core, {});
    await expect(drain(paginate(core, anonymous as typeof listCharacters))).rejects.toThrow(
      /^list: next_cursor char_same repeated$/,
    );
    await expect(drain(new Paginator(fetchPage as never))).rejects.toThrow(/^list: next_cursor char_same repeated$/);
  });
});
