// The URL-token alternative credential (getImageOutput: ApiKeyAuth | BearerAuth | OutputToken, the
// last an apiKey in the query named `token`): without an API key, the query's token is verified by
// `verifyUrlToken` and the request acts as the Auth it returns. Operations without the alternative,
// and requests with a key, are unaffected.
import type { FastifyRequest } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { type AurousServerOptions, type AuthContext, type HandlerRequest, operations } from "../src/index.js";
import { AUTH, IMAGE_ID, implementation, PNG_BYTES, server } from "./helpers.js";

const OUTPUT = `/v1/images/${IMAGE_ID}/output/0`;
const GOOD = "0f3c9a7d2b6e41c8a5f0d9e3b7c2a1f4";
const TEAM: AuthContext & { via: string } = { teamId: "team_token", scope: "read", via: "token" };
const opened: Array<{ close(): Promise<unknown> }> = [];
afterAll(async () => {
  await Promise.all(opened.map((a) => a.close()));
});

function appWith(options: Partial<AurousServerOptions> = {}) {
  const seen: Array<HandlerRequest<"getImageOutput">> = [];
  const calls: Array<{ token: string; params: unknown; operationId: string }> = [];
  const app = server({
    implementation: implementation({
      getImageOutput: (req) => {
        seen.push(req);
        return { status: 200, body: PNG_BYTES, headers: { "Content-Type": "image/png" } };
      },
    }),
    verifyUrlToken: (token: string, request: FastifyRequest, operationId: string) => {
      calls.push({ token, params: request.params, operationId });
      return token === GOOD ? TEAM : null;
    },
    ...options,
  });
  opened.push(app);
  return { app, seen, calls };
}

function expectUnauthorized(res: { statusCode: number; json(): any }, code: string, param: string | null) {
  expect(res.statusCode).toBe(401);
  expect(res.json().error).toMatchObject({ type: "authentication", code, param });
}

describe("URL-token credential", () => {
  it("is in the metadata of the operation that documents it, and of no other", () => {
    expect(operations.getImageOutput.urlToken).toEqual({ paramName: "token" });
    const others = Object.values(operations).filter((m) => m.urlToken !== null);
    expect(others.map((m) => m.operationId)).toEqual(["getImageOutput"]);
  });

  it("a verified token → the handler runs as the Auth verifyUrlToken returned", async () => {
    const { app, seen, calls } = appWith();
    const res = await app.inject({ method: "GET", url: `${OUTPUT}?token=${GOOD}` });
    expect(res.statusCode).toBe(200);
    expect([...res.rawPayload]).toEqual([...PNG_BYTES]);
    expect(calls).toEqual([{ token: GOOD, params: { id: IMAGE_ID, n: "0" }, operationId: "getImageOutput" }]);
    expect(seen[0]!.auth).toEqual(TEAM);
    expect(seen[0]!.query).toEqual({ token: GOOD });
    expect(seen[0]!.params).toEqual({ id: IMAGE_ID, n: 0 });
    // No bucket on this operation: nothing drawn, no rate-limit headers.
    expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
    expect(res.headers["aurous-version"]).toBe("2026-05-15");
  });

  it("an asynchronous verifyUrlToken works the same", async () => {
    const { app, seen } = appWith({ verifyUrlToken: async (token) => (token === GOOD ? TEAM : undefined) });
    expect((await app.inject({ method: "GET", url: `${OUTPUT}?token=${GOOD}` })).statusCode).toBe(200);
    expect(seen[0]!.auth).toEqual(TEAM);
    const res = await app.inject({ method: "GET", url: `${OUTPUT}?token=forged` });
    expectUnauthorized(res, "signature_invalid", "token");
  });

  it("a token that does not verify → 401 signature_invalid (param token); the handler does not run", async () => {
    const { app, seen } = appWith();
    const res = await app.inject({ method: "GET", url: `${OUTPUT}?token=forged` });
    expectUnauthorized(res, "signature_invalid", "token");
    expect(res.headers["aurous-version"]).toBe("2026-05-15");
    expect(seen).toHaveLength(0);
  });

  it("without verifyUrlToken every token is refused (401 signature_invalid); keys still work", async () => {
    const { app, seen } = appWith({ verifyUrlToken: undefined });
    expectUnauthorized(
      await app.inject({ method: "GET", url: `${OUTPUT}?token=${GOOD}` }),
      "signature_invalid",
      "token",
    );
    expect(seen).toHaveLength(0);
    expect((await app.inject({ method: "GET", url: OUTPUT, headers: AUTH })).statusCode).toBe(200);
  });

  it("a repeated token is refused as not verifying, without calling verifyUrlToken", async () => {
    const { app, calls } = appWith();
    const res = await app.inject({ method: "GET", url: `${OUTPUT}?token=${GOOD}&token=${GOOD}` });
    expectUnauthorized(res, "signature_invalid", "token");
    expect(calls).toHaveLength(0);
  });

  it("no key and no token (or an empty one) → 401 missing_api_key, as before", async () => {
    const { app, calls } = appWith();
    for (const url of [OUTPUT, `${OUTPUT}?token=`]) {
      const res = await app.inject({ method: "GET", url });
      expectUnauthorized(res, "missing_api_key", null);
      expect(res.json().error.message).toContain("token");
    }
    expect(calls).toHaveLength(0);
  });

  it("a key wins over a token: valid → runs as the key's team; invalid → invalid_api_key", async () => {
    const { app, seen, calls } = appWith();
    const res = await app.inject({ method: "GET", url: `${OUTPUT}?token=${GOOD}`, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(seen[0]!.auth).toMatchObject({ teamId: "team_a", scope: "full" });
    const bearer = await app.inject({ method: "GET", url: OUTPUT, headers: { authorization: "Bearer key_read" } });
    expect(bearer.statusCode).toBe(200);
    expect(bearer.headers["x-ratelimit-limit"]).toBeUndefined();
    const bad = await app.inject({ method: "GET", url: `${OUTPUT}?token=${GOOD}`, headers: { "x-api-key": "nope" } });
    expectUnauthorized(bad, "invalid_api_key", null);
    expect(calls).toHaveLength(0);
  });

  it("operations without the alternative ignore a token: no key → 401 missing_api_key", async () => {
    const { app, calls } = appWith();
    const res = await app.inject({ method: "GET", url: `/v1/images/${IMAGE_ID}?token=${GOOD}` });
    expectUnauthorized(res, "missing_api_key", null);
    expect(res.json().error.message).not.toContain("token");
    expect(calls).toHaveLength(0);
  });

  it("after the token, the version pin and validation apply as for a key", async () => {
    const { app } = appWith();
    const pinned = await app.inject({
      method: "GET",
      url: `${OUTPUT}?token=${GOOD}`,
      headers: { "aurous-version": "2099-01-01" },
    });
    expect(pinned.statusCode).toBe(400);
    expect(pinned.json().error).toMatchObject({ code: "unknown_version", param: "Aurous-Version" });
    const n = await app.inject({ method: "GET", url: `/v1/images/${IMAGE_ID}/output/x?token=${GOOD}` });
    expect(n.statusCode).toBe(400);
    expect(n.json().error).toMatchObject({ code: "invalid_format", param: "n" });
  });

  it("a verifyUrlToken that throws → 500 internal_error, reported", async () => {
    const reports: string[] = [];
    const { app } = appWith({
      verifyUrlToken: () => {
        throw new Error("key store down");
      },
      onError: (_e, report) => reports.push(report.reason),
    });
    const res = await app.inject({ method: "GET", url: `${OUTPUT}?token=${GOOD}` });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe("internal_error");
    expect(reports).toHaveLength(1);
  });
});
