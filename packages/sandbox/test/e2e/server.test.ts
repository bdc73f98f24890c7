// The sandbox's own routes beside the API: the docs, the spec, and the envelope on unknown routes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, stopSandbox, type TestSandbox } from "../helpers/sandbox.js";

let t: TestSandbox;
beforeAll(async () => {
  t = await startSandbox();
});
afterAll(() => stopSandbox(t));

describe("sandbox routes", () => {
  it("serves the rendered docs at /docs and redirects / there", async () => {
    const docs = await fetch(`${t.origin}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await docs.text();
    expect(html).toContain("<html");
    expect(html).toContain("Aurous Labs V1 API");
    const root = await fetch(`${t.origin}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/docs");
  });

  it("serves the bundled spec at /openapi.json", async () => {
    const spec = (await (await fetch(`${t.origin}/openapi.json`)).json()) as {
      openapi: string;
      info: { version: string };
    };
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.info.version).toBe("2026-05-15");
  });

  it("answers unknown routes and ids of any shape with the error envelope, never a 500", async () => {
    const missing = await fetch(`${t.origin}/v2/nothing`);
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: { code: string; request_id: string } };
    expect(body.error.code).toBe("resource_not_found");
    expect(missing.headers.get("aurous-request-id")).toBe(body.error.request_id);

    // Ids are opaque: one of any shape that names nothing is the documented 404, like the docs'
    // own example ids (24 characters after the prefix, where ours have 26).
    for (const id of ["not-an-id", "char_01HXMQ7Z3K8Y2ABCDEFGHJKM"]) {
      const unknown = await fetch(`${t.origin}/v1/characters/${id}`, {
        headers: { "X-Api-Key": `al_live_${"a".repeat(64)}` },
      });
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { error: object }).error).toMatchObject({
        code: "resource_not_found",
        param: "character_id",
      });
    }

    const garbage = await fetch(`${t.origin}/v1/characters`, {
      method: "POST",
      headers: { "X-Api-Key": `al_live_${"a".repeat(64)}`, "Content-Type": "application/json" },
      body: "{ not json",
    });
    expect(garbage.status).toBe(400);
    const refPath = await fetch(`${t.origin}/storage/refs/char_x/99?expires=abc&token=zz`);
    expect(refPath.status).toBe(401);
  });
});
