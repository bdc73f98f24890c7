import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Aurous,
  AurousAuthenticationError,
  AurousError,
  AurousFileError,
  createAurous,
  isApiError,
} from "../src/index.js";
import { uploadFile } from "../src/node.js";
import { API_KEY, UPLOAD_ID } from "./support/fixtures.js";
import {
  errorBody,
  REQUEST_ID,
  type RecordedRequest,
  type StubServer,
  sendJson,
  startStub,
} from "./support/stub-server.js";

let stub: StubServer;
let dir: string;
const SIGNED_QUERY = `expires=1778235300&signature=${"9b".repeat(32)}`;

beforeAll(async () => {
  stub = await startStub();
  dir = await mkdtemp(join(tmpdir(), "aurous-client-"));
});
afterAll(async () => {
  await stub.close();
  await rm(dir, { recursive: true, force: true });
});

/** A storage + API stub: init mints a URL on this server, PUT stores, classify answers `side`. */
function serveUploadFlow(putStatus = 204) {
  stub.reset((req: RecordedRequest, res) => {
    if (req.url === "/v1/characters/uploads/init") {
      const contentType = JSON.parse(req.body.toString()).content_type;
      return sendJson(res, 201, {
        upload_id: UPLOAD_ID,
        upload_url: `${stub.url}/storage/uploads/${UPLOAD_ID}?${SIGNED_QUERY}`,
        upload_headers: { "Content-Type": contentType },
        expires_at: "2026-05-08T10:15:00Z",
      });
    }
    if (req.method === "PUT") {
      return putStatus === 204
        ? res.writeHead(204, { "Aurous-Request-Id": "req_01JCN8ZK5W3T6Q9RVX2YBHMDEA" }).end()
        : sendJson(res, putStatus, errorBody("authentication", "upload_url_expired"));
    }
    return sendJson(res, 200, { upload_id: UPLOAD_ID, pose: "side", confidence: 0.93 });
  });
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
// RIFF, a little-endian size, WEBP, then the first chunk's tag
const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);

describe("uploads.upload", () => {
  it("runs init → PUT (without the API key) → classify", async () => {
    serveUploadFlow();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url });
    const uploaded = await client.uploads.upload(png, { filename: "portrait.PNG", classify: true });
    expect(uploaded).toEqual({
      upload_id: UPLOAD_ID,
      content_type: "image/png",
      requestIds: { init: REQUEST_ID, put: REQUEST_ID, classify: REQUEST_ID },
      pose: "side",
      confidence: 0.93,
    });

    const [init, put, classify] = stub.requests;
    expect(JSON.parse(init!.body.toString())).toEqual({
      filename: "portrait.PNG",
      extension: "png",
      content_type: "image/png",
    });
    expect(init!.headers["x-api-key"]).toBe(API_KEY);

    expect(put!.method).toBe("PUT");
    expect(put!.url).toBe(`/storage/uploads/${UPLOAD_ID}?${SIGNED_QUERY}`);
    expect(put!.headers["x-api-key"]).toBeUndefined();
    expect(put!.headers.authorization).toBeUndefined();
    expect(put!.headers["aurous-version"]).toBeUndefined();
    expect(put!.headers["content-type"]).toBe("image/png");
    expect(new Uint8Array(put!.body)).toEqual(png);

    expect(classify!.url).toBe("/v1/characters/uploads/classify");
    expect(JSON.parse(classify!.body.toString())).toEqual({ upload_id: UPLOAD_ID });
    expect(stub.requests).toHaveLength(3);
  });

  it("skips classify unless asked; a Blob is typed by its bytes too", async () => {
    serveUploadFlow();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url });
    const uploaded = await client.uploads.upload(new Blob([webp]), { filename: "pose" });
    expect(uploaded).toEqual({
      upload_id: UPLOAD_ID,
      content_type: "image/webp",
      requestIds: { init: REQUEST_ID, put: REQUEST_ID },
    });
    expect(JSON.parse(stub.requests[0]!.body.toString())).toMatchObject({
      extension: "webp",
      content_type: "image/webp",
    });
    expect(stub.requests.map((r) => r.method)).toEqual(["POST", "PUT"]);
  });

  it("takes the type from the bytes when the name, the Blob type or contentType says otherwise", async () => {
    const warnings: string[] = [];
    const logger = { ...console, warn: (line: string) => warnings.push(line) };
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, logger });
    const cases = [
      { bytes: png, options: { filename: "scan.jpg" } },
      { bytes: new Blob([png], { type: "image/webp" }), options: { filename: "pose" } },
      { bytes: jpeg, options: { filename: "front.png", contentType: "image/png" as const } },
    ];
    const sent = [];
    for (const { bytes, options } of cases) {
      serveUploadFlow();
      const uploaded = await client.uploads.upload(bytes, options);
      sent.push([
        JSON.parse(stub.requests[0]!.body.toString()),
        stub.requests[1]!.headers["content-type"],
        uploaded.content_type,
      ]);
    }
    expect(sent).toEqual([
      [{ filename: "scan.jpg", extension: "png", content_type: "image/png" }, "image/png", "image/png"],
      [{ filename: "pose", extension: "png", content_type: "image/png" }, "image/png", "image/png"],
      [{ filename: "front.png", extension: "jpg", content_type: "image/jpeg" }, "image/jpeg", "image/jpeg"],
    ]);
    expect(warnings).toEqual([
      expect.stringContaining('"scan.jpg" was declared image/jpeg but its bytes are image/png'),
      expect.stringContaining('"pose" was declared image/webp but its bytes are image/png'),
      expect.stringContaining('"front.png" was declared image/png but its bytes are image/jpeg'),
    ]);
  });

  it("refuses bytes that are no PNG, JPEG or WebP, whatever the name says, before any request", async () => {
    serveUploadFlow();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url });
    const text = new TextEncoder().encode("just some notes");
    await expect(client.uploads.upload(text, { filename: "photo.png" })).rejects.toThrow(
      /not a PNG, JPEG or WebP image/,
    );
    await expect(
      client.uploads.upload(new Blob([text], { type: "image/jpeg" }), { filename: "a.jpg" }),
    ).rejects.toThrow(AurousError);
    await expect(
      client.uploads.upload(new Uint8Array(0), { filename: "empty.webp", contentType: "image/webp" }),
    ).rejects.toThrow(AurousError);
    expect(stub.requests).toHaveLength(0);
  });

  it("maps a documented PUT error to the uploadCharacterImage error union", async () => {
    serveUploadFlow(401);
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url });
    const error = await client.uploads.upload(png, { filename: "a.png" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousAuthenticationError);
    expect(isApiError(error, "uploadCharacterImage") && error.code).toBe("upload_url_expired");
  });
});

describe("@aurous/client/node uploadFile", () => {
  it("reads the file and takes the type from its bytes", async () => {
    serveUploadFlow();
    const path = join(dir, "front view.jpeg");
    await writeFile(path, jpeg);
    const uploaded = await uploadFile(new Aurous({ apiKey: API_KEY, baseUrl: stub.url }), path, { classify: true });
    expect(uploaded.pose).toBe("side");
    expect(JSON.parse(stub.requests[0]!.body.toString())).toEqual({
      filename: "front view.jpeg",
      extension: "jpeg",
      content_type: "image/jpeg",
    });
    expect(stub.requests[1]!.headers["content-type"]).toBe("image/jpeg");
    expect(new Uint8Array(stub.requests[1]!.body)).toEqual(jpeg);
  });

  it("throws an AurousFileError, not a bare fs error, for a file it cannot read", async () => {
    serveUploadFlow();
    const missing = join(dir, "nope.png");
    const error = await uploadFile(new Aurous({ apiKey: API_KEY, baseUrl: stub.url }), missing).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AurousFileError);
    expect(error).toBeInstanceOf(AurousError);
    expect(error).toMatchObject({ name: "AurousFileError", path: missing, message: expect.stringContaining("ENOENT") });
    expect((error as Error).cause).toMatchObject({ code: "ENOENT" });
    expect(stub.requests).toHaveLength(0); // nothing was sent
  });

  it("also takes a bare core", async () => {
    serveUploadFlow();
    const path = join(dir, "side.webp");
    await writeFile(path, webp);
    const uploaded = await uploadFile(createAurous({ apiKey: API_KEY, baseUrl: stub.url }), path);
    expect(uploaded).toMatchObject({ upload_id: UPLOAD_ID, requestIds: { init: REQUEST_ID } });
    expect(stub.requests[1]!.headers["content-type"]).toBe("image/webp");
  });

  it("sends a PNG saved as .webp as a PNG", async () => {
    serveUploadFlow();
    const path = join(dir, "renamed.webp");
    await writeFile(path, png);
    const uploaded = await uploadFile(createAurous({ apiKey: API_KEY, baseUrl: stub.url, logLevel: "off" }), path);
    expect(uploaded.content_type).toBe("image/png");
    expect(JSON.parse(stub.requests[0]!.body.toString())).toEqual({
      filename: "renamed.webp",
      extension: "png",
      content_type: "image/png",
    });
    expect(stub.requests[1]!.headers["content-type"]).toBe("image/png");
  });
});
