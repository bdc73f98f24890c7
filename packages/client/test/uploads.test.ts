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
import { errorBody, type RecordedRequest, type StubServer, sendJson, startStub } from "./support/stub-server.js";

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

describe("uploads.upload", () => {
  it("runs init → PUT (without the API key) → classify", async () => {
    serveUploadFlow();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url });
    const uploaded = await client.uploads.upload(png, { filename: "portrait.PNG", classify: true });
    expect(uploaded).toEqual({ upload_id: UPLOAD_ID, pose: "side", confidence: 0.93 });

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

  it("skips classify unless asked and takes a Blob’s own type", async () => {
    serveUploadFlow();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url });
    const uploaded = await client.uploads.upload(new Blob([png], { type: "image/webp" }), { filename: "pose" });
    expect(uploaded).toEqual({ upload_id: UPLOAD_ID });
    expect(JSON.parse(stub.requests[0]!.body.toString())).toMatchObject({
      extension: "webp",
      content_type: "image/webp",
    });
    expect(stub.requests.map((r) => r.method)).toEqual(["POST", "PUT"]);
  });

  it("refuses a file whose type it cannot tell, before any request", async () => {
    serveUploadFlow();
    const client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url });
    await expect(client.uploads.upload(png, { filename: "notes.txt" })).rejects.toThrow(AurousError);
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
  it("reads the file and infers the type from its extension", async () => {
    serveUploadFlow();
    const path = join(dir, "front view.jpeg");
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
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
    await writeFile(path, png);
    const uploaded = await uploadFile(createAurous({ apiKey: API_KEY, baseUrl: stub.url }), path);
    expect(uploaded).toEqual({ upload_id: UPLOAD_ID });
    expect(stub.requests[1]!.headers["content-type"]).toBe("image/webp");
  });
});
