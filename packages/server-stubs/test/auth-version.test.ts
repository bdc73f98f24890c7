// Request ids, authentication, scopes and Aurous-Version resolution.
import { afterAll, describe, expect, it } from "vitest";
import { createVersionResolver } from "../src/index.js";
import { AUTH, CHAR_ID, character, implementation, server } from "./helpers.js";

const GET = `/v1/characters/${CHAR_ID}`;
const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;

let seenVersion: string | undefined;
let seenTeam: unknown;
const app = server({
  authenticate: (key) =>
    ({
      key_full: { teamId: "team_a", scope: "full" as const, plan: "pro" },
      key_read: { teamId: "team_a", scope: "read" as const },
      key_write: { teamId: "team_a", scope: "write" as const },
      key_revoked: { teamId: "team_a", scope: "full" as const, revoked: true },
      key_pinned: { teamId: "team_c", scope: "full" as const, defaultVersion: "2026-05-15" },
    })[key] ?? null,
  implementation: implementation({
    getCharacter: (req) => {
      seenVersion = req.version;
      seenTeam = req.auth;
      return { status: 200, body: character({ id: req.params.id }) };
    },
  }),
});
afterAll(() => app.close());

describe("Aurous-Request-Id", () => {
  it("is a req_ ULID on every response and equals error.request_id", async () => {
    const ok = await app.inject({ method: "GET", url: GET, headers: AUTH });
    const unauth = await app.inject({ method: "GET", url: GET });
    const notFound = await app.inject({ method: "GET", url: "/nowhere" });
    for (const r of [ok, unauth, notFound]) expect(r.headers["aurous-request-id"]).toMatch(REQUEST_ID);
    expect(unauth.json().error.request_id).toBe(unauth.headers["aurous-request-id"]);
    expect(notFound.json().error.request_id).toBe(notFound.headers["aurous-request-id"]);
    expect(new Set([ok, unauth, notFound].map((r) => r.headers["aurous-request-id"])).size).toBe(3);
  });

  it("ignores a client-sent request id and also tags the implementation's own routes", async () => {
    const local = server();
    local.get("/docs", async () => "docs");
    const res = await local.inject({
      method: "GET",
      url: "/docs",
      headers: { "request-id": "mine", "aurous-request-id": "mine" },
    });
    expect(res.body).toBe("docs");
    expect(res.headers["aurous-request-id"]).toMatch(REQUEST_ID);
    await local.close();
  });
});

describe("authentication", () => {
  it("401 missing_api_key without a key", async () => {
    const res = await app.inject({ method: "GET", url: GET });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ type: "authentication", code: "missing_api_key", param: null });
  });

  it("401 missing_api_key for an unsupported Authorization scheme", async () => {
    const res = await app.inject({ method: "GET", url: GET, headers: { authorization: "Basic a2V5Og==" } });
    expect(res.json().error.code).toBe("missing_api_key");
  });

  it("401 invalid_api_key when the lookup returns null", async () => {
    const res = await app.inject({ method: "GET", url: GET, headers: { "x-api-key": "al_live_unknown" } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ type: "authentication", code: "invalid_api_key" });
  });

  it("401 revoked_api_key for a revoked key", async () => {
    const res = await app.inject({ method: "GET", url: GET, headers: { "x-api-key": "key_revoked" } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("revoked_api_key");
  });

  it("accepts Authorization: Bearer as an alias and hands the team context to the handler", async () => {
    const res = await app.inject({ method: "GET", url: GET, headers: { authorization: "Bearer key_full" } });
    expect(res.statusCode).toBe(200);
    expect(seenTeam).toEqual({ teamId: "team_a", scope: "full", plan: "pro" });
  });

  it("403 missing_scope when the key's scope is below the op's x-aurous-scope", async () => {
    const res = await app.inject({ method: "DELETE", url: GET, headers: { "x-api-key": "key_read" } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ type: "authentication", code: "missing_scope" });
    expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
    // read keys can read; write keys can read and write
    expect((await app.inject({ method: "GET", url: GET, headers: { "x-api-key": "key_read" } })).statusCode).toBe(200);
    expect((await app.inject({ method: "DELETE", url: GET, headers: { "x-api-key": "key_write" } })).statusCode).toBe(
      200,
    );
  });

  it("authenticates before reading the version pin or the body", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/v1/characters",
      headers: { "aurous-version": "garbage", "content-type": "application/json" },
      payload: "{",
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("missing_api_key");
    expect(res.headers["aurous-version"]).toBe("2026-05-15");
  });
});

describe("Aurous-Version", () => {
  it.each(["2026-5-15", "latest", "2026-02-30", "2026-05-15T00:00:00Z"])(
    "malformed %s → 400 unknown_version",
    async (pin) => {
      const res = await app.inject({ method: "GET", url: GET, headers: { ...AUTH, "aurous-version": pin } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        type: "invalid_request",
        code: "unknown_version",
        param: "Aurous-Version",
      });
      expect(res.headers["aurous-version"]).toBe("2026-05-15"); // echoed on errors too
      expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
    },
  );

  it("a date after the newest release → 400 unknown_version", async () => {
    const res = await app.inject({ method: "GET", url: GET, headers: { ...AUTH, "aurous-version": "2099-01-01" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("2026-05-15");
  });

  it.each([
    ["2026-05-15", "2026-05-15"],
    ["2020-01-01", "2026-05-15"], // before the first release → the first
  ])("pin %s resolves to %s and reaches the handler", async (pin, applied) => {
    const res = await app.inject({ method: "GET", url: GET, headers: { ...AUTH, "aurous-version": pin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["aurous-version"]).toBe(applied);
    expect(seenVersion).toBe(applied);
  });

  it("absent: the team's default version, else the newest; unauthenticated: the first", async () => {
    const pinned = await app.inject({ method: "GET", url: GET, headers: { "x-api-key": "key_pinned" } });
    expect(pinned.headers["aurous-version"]).toBe("2026-05-15");
    const plain = await app.inject({ method: "GET", url: GET, headers: AUTH });
    expect(plain.headers["aurous-version"]).toBe("2026-05-15");
    const unauth = await app.inject({ method: "GET", url: GET });
    expect(unauth.headers["aurous-version"]).toBe("2026-05-15");
  });

  describe("resolver (several releases)", () => {
    const r = createVersionResolver(["2026-11-01", "2026-08-01", "2026-05-15"]);
    it.each([
      ["2026-05-15", "2026-05-15"],
      ["2026-07-31", "2026-05-15"],
      ["2026-08-01", "2026-08-01"],
      ["2026-10-01", "2026-08-01"],
      ["2026-11-01", "2026-11-01"],
      ["2025-01-01", "2026-05-15"],
    ])("%s → %s", (pin, expected) => {
      expect(r.resolve(pin)).toBe(expected);
    });
    it("rejects future and malformed pins", () => {
      expect(() => r.resolve("2026-11-02")).toThrow(/after the newest/);
      expect(() => r.resolve("2026-13-01")).toThrow(/YYYY-MM-DD/);
      expect(r.first).toBe("2026-05-15");
      expect(r.newest).toBe("2026-11-01");
    });
    it("refuses a release list with a non-date or no entries", () => {
      expect(() => createVersionResolver(["2026-05-15", "2026-9-1"])).toThrow(/YYYY-MM-DD dates; got "2026-9-1"/);
      expect(() => createVersionResolver([])).toThrow(/no released versions/);
    });
  });
});
