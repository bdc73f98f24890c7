// Inputs from the issue-15 attack that used to get off-spec answers: empty JSON keys, numerals ajv
// would coerce, version pins in years 0001–0099, and sniffable bodies.
import { afterAll, describe, expect, it } from "vitest";
import { createVersionResolver, operations, validationCodeFor } from "../src/index.js";
import { AUTH, CHAR_ID, implementation, server } from "./helpers.js";

// Response validation on: an off-spec error envelope would surface as 500 internal_error.
const app = server();
afterAll(() => app.close());

const JSON_AUTH = { ...AUTH, "content-type": "application/json" };
const C = `/v1/characters/${CHAR_ID}`;

describe("an empty JSON key", () => {
  it.each([
    ["POST", "/v1/characters", { name: "x", "": 1 }],
    ["POST", "/v1/characters/uploads/init", { filename: "a.jpg", extension: "jpg", content_type: "image/jpeg", "": 1 }],
    ["POST", "/v1/characters/uploads/classify", { upload_id: "upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR", "": 1 }],
    ["PATCH", C, { name: "x", "": 1 }],
    ["POST", `${C}/refs/regenerate`, { pose: "front", "": 1 }],
    ["POST", `${C}/resynthesize`, { "": 1 }],
  ] as const)('%s %s → 400 with param null, never ""', async (method, url, payload) => {
    const res = await app.inject({ method, url, headers: JSON_AUTH, payload });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.param).toBeNull();
    expect(error.message).toMatch(/empty key/);
  });

  it("inside an object, param names the object holding it", async () => {
    const res = await app.inject({ method: "PATCH", url: C, headers: JSON_AUTH, payload: { attributes: { "": 1 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.param).toBe("attributes");
  });
});

describe("integers on the wire are plain decimals", () => {
  it.each(["0x10", "0b11", "1e2", "3.0", "%205", "+5", "05"])("limit=%s → 400, param limit", async (limit) => {
    const res = await app.inject({ method: "GET", url: `/v1/characters?limit=${limit}`, headers: AUTH });
    expect(res.statusCode).toBe(400);
    // listCharacters names one code for every validation failure.
    expect(res.json().error).toMatchObject({
      code: validationCodeFor(operations.listCharacters, "invalid_format"),
      param: "limit",
    });
  });

  it("limit=16 is still accepted", async () => {
    const res = await app.inject({ method: "GET", url: "/v1/characters?limit=16", headers: AUTH });
    expect(res.statusCode).toBe(200);
  });
});

describe("Aurous-Version in years 0001–0099", () => {
  it("is a real (early) date: before the first release, so the first release", () => {
    const r = createVersionResolver(["2026-05-15"]);
    expect(r.tryResolve("0026-05-15")).toBe("2026-05-15");
    expect(r.tryResolve("0099-12-31")).toBe("2026-05-15");
    // Still a calendar check: 0025 has no 29 February.
    expect(r.tryResolve("0025-02-29")).toBeUndefined();
  });

  it("over HTTP it is not refused as malformed", async () => {
    const res = await app.inject({ method: "GET", url: C, headers: { ...AUTH, "aurous-version": "0050-01-01" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["aurous-version"]).toBe("2026-05-15");
  });
});

describe("X-Content-Type-Options", () => {
  it("is nosniff on the implementation's own routes (where uploaded bytes are served back), not added to API answers", async () => {
    const local = server();
    local.get("/bytes", async (_req, reply) => reply.header("Content-Type", "image/png").send(Buffer.from("<html>")));
    const own = await local.inject({ method: "GET", url: "/bytes" });
    expect(own.headers["x-content-type-options"]).toBe("nosniff");
    // API answers carry only the headers the spec documents.
    const api = await local.inject({ method: "GET", url: C, headers: AUTH });
    expect(api.headers["x-content-type-options"]).toBeUndefined();
    await local.close();
  });
});

describe("undecodable paths", () => {
  const upload = server({
    implementation: implementation({ uploadCharacterImage: () => ({ status: 204 }) }),
  });
  afterAll(() => upload.close());

  it.each([
    ["GET", "/v1/characters/%zz"],
    ["PATCH", "/v1/characters/%zz"],
    ["DELETE", "/v1/characters/%E0%A4%A"],
    ["POST", "/v1/characters/%zz/save"],
  ] as const)("%s %s → the operation's 404 resource_not_found, param id", async (method, url) => {
    const res = await app.inject({
      method,
      url,
      headers: JSON_AUTH,
      payload: method === "GET" || method === "DELETE" ? undefined : {},
    });
    expect(res.statusCode).toBe(404);
    // The reference pages name the character's id `character_id` in errors (x-aurous-error-param).
    expect(res.json().error).toMatchObject({ type: "not_found", code: "resource_not_found", param: "character_id" });
    expect(res.headers["aurous-request-id"]).toBe(res.json().error.request_id);
    expect(res.headers["aurous-version"]).toBe("2026-05-15");
  });

  it("never echoes the URL, however long, nor its query string", async () => {
    const id = `%zz${"x".repeat(10_000)}`;
    const res = await app.inject({
      method: "PATCH",
      url: `/v1/characters/${id}?signature=s3cr3t`,
      headers: JSON_AUTH,
      payload: {},
    });
    expect(res.statusCode).toBe(404);
    const { message } = res.json().error as { message: string };
    expect(message.length).toBeLessThanOrEqual(2000);
    expect(message).not.toContain("xxxx");
    expect(message).not.toContain("s3cr3t");
  });

  it("the storage PUT (no 404 documented) answers 400 upload_invalid, without the signature", async () => {
    const res = await upload.inject({
      method: "PUT",
      url: "/storage/uploads/%zz?expires=1&signature=s3cr3t",
      headers: { "content-type": "image/png" },
      payload: Buffer.from("x"),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "upload_invalid", param: "upload_id" });
    expect(res.body).not.toContain("s3cr3t");
  });

  it("an unknown route's message carries at most 200 characters of its path and no query", async () => {
    const res = await app.inject({ method: "GET", url: `/v1/${"y".repeat(10_000)}?signature=s3cr3t`, headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message.length).toBeLessThan(260);
    expect(res.body).not.toContain("s3cr3t");
  });
});
