// What an integrator meets first: the key and base URL from the environment, a clear error without
// a key, the User-Agent, and client-wide default headers.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultUserAgent, readEnv, runtimeName } from "../src/core/env.js";
import { Aurous, AurousError, createAurous, DEFAULT_BASE_URL, VERSION } from "../src/index.js";
import { API_KEY, CHARACTER_ID, character, UPLOAD_ID } from "./support/fixtures.js";
import { type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());
afterEach(() => vi.unstubAllEnvs());

const serveCharacter = () => stub.reset((_req, res) => sendJson(res, 200, character()));

describe("environment defaults", () => {
  it("takes the API key and base URL from AUROUS_API_KEY and AUROUS_BASE_URL", async () => {
    vi.stubEnv("AUROUS_API_KEY", API_KEY);
    vi.stubEnv("AUROUS_BASE_URL", stub.url);
    serveCharacter();
    await new Aurous().characters.get(CHARACTER_ID);
    expect(stub.requests[0]!.headers["x-api-key"]).toBe(API_KEY);
  });

  it("lets options win over the environment", async () => {
    vi.stubEnv("AUROUS_API_KEY", "al_live_from_env");
    vi.stubEnv("AUROUS_BASE_URL", "http://127.0.0.1:9");
    serveCharacter();
    await new Aurous({ apiKey: API_KEY, baseUrl: stub.url }).characters.get(CHARACTER_ID);
    expect(stub.requests[0]!.headers["x-api-key"]).toBe(API_KEY);
  });

  it("defaults the base URL to the production API", () => {
    vi.stubEnv("AUROUS_BASE_URL", undefined);
    expect(createAurous({ apiKey: API_KEY }).config.baseUrl).toBe(DEFAULT_BASE_URL);
  });

  it("throws a clear AurousError when there is no key at all", () => {
    vi.stubEnv("AUROUS_API_KEY", undefined);
    expect(() => new Aurous()).toThrow(AurousError);
    expect(() => new Aurous()).toThrow(/AUROUS_API_KEY/);
    vi.stubEnv("AUROUS_API_KEY", "   ");
    expect(() => createAurous()).toThrow(/no API key/);
  });

  it("reads env without a process global (browsers, workers) instead of throwing", () => {
    vi.stubGlobal("process", undefined);
    try {
      expect(readEnv("AUROUS_API_KEY")).toBeUndefined();
      expect(runtimeName()).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("User-Agent", () => {
  it("names the package, its version and the runtime", async () => {
    serveCharacter();
    await new Aurous({ apiKey: API_KEY, baseUrl: stub.url }).characters.get(CHARACTER_ID);
    const agent = stub.requests[0]!.headers["user-agent"];
    expect(agent).toBe(
      `@aurous/client/${VERSION} node/${process.versions.node} (${process.platform}; ${process.arch})`,
    );
  });

  it("keeps VERSION in step with package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(VERSION).toBe(pkg.version);
  });

  it("is left out in a browser (a document and no server runtime)", () => {
    vi.stubGlobal("document", {});
    try {
      expect(runtimeName()).toBeUndefined();
      expect(defaultUserAgent()).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(defaultUserAgent("deno/2.1.0")).toBe(`@aurous/client/${VERSION} deno/2.1.0`);
  });

  it("sends none when the runtime allows none", async () => {
    vi.stubGlobal("document", {});
    const seen: Headers[] = [];
    const spy: typeof fetch = async (_url, init) => {
      seen.push(new Headers(init?.headers));
      return new Response(JSON.stringify(character()), {
        status: 200,
        headers: { "Content-Type": "application/json" },
      });
    };
    try {
      await new Aurous({ apiKey: API_KEY, baseUrl: "http://example.test", fetch: spy }).characters.get(CHARACTER_ID);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(seen[0]!.has("user-agent")).toBe(false);
  });
});

describe("defaultHeaders", () => {
  it("go with every API call; per-call headers win, case-insensitively", async () => {
    serveCharacter();
    const client = new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      defaultHeaders: { "X-Team": "crm", "X-Trace": "default" },
    });
    await client.characters.get(CHARACTER_ID, { headers: { "x-trace": "per-call" } });
    const { headers } = stub.requests[0]!;
    expect(headers["x-team"]).toBe("crm");
    expect(headers["x-trace"]).toBe("per-call");
  });

  it("replace the client User-Agent when they name one", async () => {
    serveCharacter();
    await new Aurous({
      apiKey: API_KEY,
      baseUrl: stub.url,
      defaultHeaders: { "user-agent": "my-app/1.0" },
    }).characters.get(CHARACTER_ID);
    expect(stub.requests[0]!.headers["user-agent"]).toBe("my-app/1.0");
  });

  it("cannot set the key, the idempotency key or the version pin", () => {
    for (const name of ["X-Api-Key", "idempotency-key", "Aurous-Version"]) {
      expect(() => new Aurous({ apiKey: API_KEY, defaultHeaders: { [name]: "x" } })).toThrow(AurousError);
    }
  });

  /** The stub answers the upload init with a storage URL on itself, and the storage PUT with 204. */
  function answerUploadInitAndPut(): void {
    stub.reset((req, res) => {
      if (req.url === "/v1/characters/uploads/init") {
        return sendJson(res, 201, {
          upload_id: UPLOAD_ID,
          upload_url: `${stub.url}/storage/uploads/${UPLOAD_ID}?expires=1&signature=${"9b".repeat(32)}`,
          upload_headers: { "Content-Type": "image/png" },
          expires_at: "2026-05-08T10:15:00Z",
        });
      }
      res.writeHead(204).end();
    });
  }

  it("are not sent to the storage host of an upload PUT", async () => {
    answerUploadInitAndPut();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, defaultHeaders: { "X-Team": "crm" } });
    await client.uploads.upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), {
      filename: "a.png",
    });
    const [init, put] = stub.requests;
    expect(init!.headers["x-team"]).toBe("crm");
    expect(put!.headers["x-team"]).toBeUndefined();
    expect(put!.headers["x-api-key"]).toBeUndefined();
    expect(put!.headers["user-agent"]).toMatch(/^@aurous\/client\//);
  });

  it.each([
    ["a User-Agent of the caller's", { "User-Agent": "my-app/1.0" }, /^my-app\/1\.0$/],
    ["headers that merely contain user-agent", { "X-User-Agent": "x", "User-Agent-Hint": "y" }, /^@aurous\/client\//],
  ])("send the storage PUT %s or else the client's", async (_name, defaultHeaders, agent) => {
    answerUploadInitAndPut();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, defaultHeaders });
    await client.uploads.upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), {
      filename: "a.png",
    });
    const [init, put] = stub.requests;
    expect(init!.headers["user-agent"]).toMatch(agent);
    expect(put!.headers["user-agent"]).toMatch(agent);
  });
});

describe("other runtimes", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("names Deno and Bun, and survives a Deno without --allow-env", () => {
    vi.stubGlobal("Deno", {
      version: { deno: "2.1.0" },
      env: {
        get() {
          throw new Error("PermissionDenied: Requires env access");
        },
      },
    });
    expect(runtimeName()).toBe("deno/2.1.0");
    expect(readEnv("AUROUS_TEST_UNSET")).toBeUndefined();
    vi.unstubAllGlobals();
    vi.stubGlobal("Bun", { version: "1.2.0" });
    expect(defaultUserAgent()).toBe(`@aurous/client/${VERSION} bun/1.2.0`);
  });
});
