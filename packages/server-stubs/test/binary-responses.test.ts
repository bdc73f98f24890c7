// Raw-byte successes (getImageOutput's 200: image/png, image/jpeg or image/webp, `format: binary`):
// the handler's bytes go out as they are, with the Content-Type it names; with response validation
// on, bytes in an undocumented media type, or a body that is not bytes, are off-spec (500).
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type ErrorReport, type Implementation, operations } from "../src/index.js";
import { AUTH, IMAGE_ID, implementation, PNG_BYTES, server } from "./helpers.js";

const OUTPUT = `/v1/images/${IMAGE_ID}/output/0`;
const reports: Array<{ error: unknown; report: ErrorReport }> = [];
const opened: Array<{ close(): Promise<unknown> }> = [];

function appWith(getImageOutput: Implementation["getImageOutput"], validateResponses = true) {
  const app = server({
    implementation: implementation({ getImageOutput }),
    onError: (error, report) => reports.push({ error, report }),
    validateResponses,
  });
  opened.push(app);
  return app;
}
afterEach(() => {
  reports.length = 0;
});
afterAll(async () => {
  await Promise.all(opened.map((a) => a.close()));
});

function expectOffSpec(res: { statusCode: number; json(): any }, detail: string) {
  expect(res.statusCode).toBe(500);
  expect(res.json().error).toMatchObject({ type: "server_error", code: "internal_error" });
  expect(reports).toHaveLength(1);
  expect(reports[0]!.report).toMatchObject({ reason: "off_spec_response", operationId: "getImageOutput" });
  expect(String(reports[0]!.error)).toContain(detail);
}

describe("raw-byte responses", () => {
  it("are told apart by the metadata: every medium binary, no JSON schema", () => {
    const ok = operations.getImageOutput.responses["200"]!;
    expect(ok).toMatchObject({ binary: true, schema: null, contentTypes: ["image/png", "image/jpeg", "image/webp"] });
    expect(operations.getImage.responses["200"]).toMatchObject({ binary: false, contentTypes: ["application/json"] });
  });

  it("sends a Buffer as it is, with the named Content-Type and the handler's Cache-Control", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]);
    const app = appWith(() => ({
      status: 200,
      body: bytes,
      headers: { "Content-Type": "image/jpeg", "Cache-Control": "private, max-age=86400" },
    }));
    const res = await app.inject({ method: "GET", url: OUTPUT, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/jpeg");
    expect(res.headers["cache-control"]).toBe("private, max-age=86400");
    expect(res.headers["content-length"]).toBe(String(bytes.length));
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers["aurous-version"]).toBe("2026-05-15");
    expect(res.headers["aurous-request-id"]).toMatch(/^req_/);
    expect(reports).toHaveLength(0);
  });

  it("sends a plain Uint8Array (a view into a larger buffer) as exactly its bytes", async () => {
    const backing = new Uint8Array(64).fill(7);
    backing.set(PNG_BYTES, 10);
    const view = backing.subarray(10, 10 + PNG_BYTES.length);
    const app = appWith(() => ({ status: 200, body: view, headers: { "Content-Type": "image/png" } }));
    const res = await app.inject({ method: "GET", url: OUTPUT, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect([...res.rawPayload]).toEqual([...PNG_BYTES]);
  });

  it("accepts the media type in any case and with parameters", async () => {
    const app = appWith(() => ({
      status: 200,
      body: PNG_BYTES,
      headers: { "Content-Type": "IMAGE/WEBP; q=1" as never },
    }));
    const res = await app.inject({ method: "GET", url: OUTPUT, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("IMAGE/WEBP; q=1");
  });

  it("an undocumented Content-Type → 500 internal_error, reported as off_spec_response", async () => {
    const app = appWith(() => ({ status: 200, body: PNG_BYTES, headers: { "Content-Type": "image/gif" as never } }));
    expectOffSpec(await app.inject({ method: "GET", url: OUTPUT, headers: AUTH }), "Content-Type image/gif");
  });

  it("no Content-Type among several documented → 500 (the runtime cannot tell which)", async () => {
    const app = appWith(() => ({ status: 200, body: PNG_BYTES }) as never);
    expectOffSpec(await app.inject({ method: "GET", url: OUTPUT, headers: AUTH }), "no Content-Type");
  });

  it.each([
    ["a string", "\x89PNG"],
    ["a JSON object", { data: [1, 2, 3] }],
    ["an ArrayBuffer", new ArrayBuffer(4)],
  ])("a body that is not bytes (%s) → 500", async (_what, body) => {
    const app = appWith(() => ({ status: 200, body, headers: { "Content-Type": "image/png" } }) as never);
    expectOffSpec(await app.inject({ method: "GET", url: OUTPUT, headers: AUTH }), "body is not bytes");
  });

  it("with response validation off, the answer goes out as the handler gave it", async () => {
    const app = appWith(
      () => ({ status: 200, body: PNG_BYTES, headers: { "Content-Type": "image/gif" as never } }),
      false,
    );
    const res = await app.inject({ method: "GET", url: OUTPUT, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/gif");
    expect([...res.rawPayload]).toEqual([...PNG_BYTES]);
  });

  it("errors of the same operation are JSON envelopes as usual", async () => {
    const app = appWith((req) => req.fail(410, "output_expired", "Expired."));
    const res = await app.inject({ method: "GET", url: OUTPUT, headers: AUTH });
    expect(res.statusCode).toBe(410);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json().error).toMatchObject({ type: "not_found", code: "output_expired" });
  });
});
