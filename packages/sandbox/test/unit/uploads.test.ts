import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UploadInitRequest } from "@aurous/server-stubs";
import { beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { newSecret } from "../../src/crypto.js";
import { BlobStore } from "../../src/storage/blob-store.js";
import { UPLOAD_MAX_BYTES, UploadService } from "../../src/uploads/service.js";
import { UPLOAD_TICKET_TTL_MS, UPLOAD_URL_TTL_MS } from "../../src/uploads/tickets.js";
import { listFiles } from "../helpers/files.js";
import { jpegBytes, pngBytes } from "../helpers/images.js";

let root: string;
let clock: ManualClock;
let uploads: UploadService;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "sandbox-uploads-"));
  clock = new ManualClock(Date.UTC(2026, 4, 8, 10, 0, 0));
  uploads = new UploadService(new BlobStore(root), clock, newSecret());
});

function mint(team = "A", type: "image/png" | "image/jpeg" = "image/png") {
  const body: UploadInitRequest =
    type === "image/png"
      ? { filename: "f", extension: "png", content_type: type }
      : { filename: "f", extension: "jpg", content_type: type };
  const result = uploads.init(team, body, "http://127.0.0.1:4010");
  if (!result.ok) throw new Error(result.message);
  const url = new URL(result.value.upload_url);
  return {
    view: result.value,
    put: {
      uploadId: url.pathname.split("/").pop()!,
      expires: url.searchParams.get("expires") ?? undefined,
      signature: url.searchParams.get("signature") ?? undefined,
      contentType: type,
    },
  };
}

async function upload(bytes: Buffer, team = "A", type: "image/png" | "image/jpeg" = "image/png") {
  const { view, put } = mint(team, type);
  const checked = uploads.checkPut(put);
  if (!checked.ok) throw new Error(checked.message);
  const stored = await uploads.acceptBytes(checked.value, bytes);
  if (!stored.ok) throw new Error(stored.message);
  return view.upload_id;
}

describe("init", () => {
  it("mints a ticket with a signed 15-minute URL", () => {
    const { view } = mint();
    expect(view.upload_id).toMatch(/^upl_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(view.upload_url).toMatch(
      new RegExp(
        `^http://127\\.0\\.0\\.1:4010/storage/uploads/${view.upload_id}\\?expires=\\d+&signature=[0-9a-f]{64}$`,
      ),
    );
    expect(view.upload_headers).toEqual({ "Content-Type": "image/png" });
    expect(Date.parse(view.expires_at)).toBe(clock.now() + UPLOAD_URL_TTL_MS);
  });

  it("refuses an extension that disagrees with the content type", () => {
    // A pair the spec's oneOf (and so the types and the stubs) refuse; the service refuses it too.
    const mismatched = { filename: "f", extension: "jpg", content_type: "image/png" } as unknown as UploadInitRequest;
    expect(uploads.init("A", mismatched, "http://x")).toMatchObject({
      ok: false,
      status: 400,
      code: "parameter_invalid_combination",
      param: "content_type",
    });
  });
});

describe("the signed PUT", () => {
  it("rejects tampered, expired and mismatched requests before storing anything", async () => {
    const { put } = mint();
    const flipped = put.signature!.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    expect(uploads.checkPut({ ...put, signature: flipped })).toMatchObject({ status: 401, code: "signature_invalid" });
    expect(uploads.checkPut({ ...put, expires: String(Number(put.expires) + 60) })).toMatchObject({
      status: 401,
      code: "signature_invalid",
    });
    expect(uploads.checkPut({ ...put, signature: undefined })).toMatchObject({
      status: 401,
      code: "signature_invalid",
    });
    expect(uploads.checkPut({ ...put, contentType: "image/jpeg" })).toMatchObject({
      status: 400,
      code: "content_type_mismatch",
    });
    const ticket = uploads.checkPut(put);
    expect(ticket.ok).toBe(true);
    if (!ticket.ok) return;
    expect(await uploads.acceptBytes(ticket.value, jpegBytes(10, 10))).toMatchObject({
      status: 400,
      code: "upload_content_invalid",
    });
    expect(await uploads.acceptBytes(ticket.value, Buffer.from("hello"))).toMatchObject({
      status: 400,
      code: "upload_content_invalid",
    });
    expect(await uploads.acceptBytes(ticket.value, Buffer.alloc(UPLOAD_MAX_BYTES + 1))).toMatchObject({
      status: 413,
      code: "upload_too_large",
    });
    clock.advance(UPLOAD_URL_TTL_MS);
    expect(uploads.checkPut(put)).toMatchObject({ status: 401, code: "upload_url_expired" });
    expect(listFiles(root)).toEqual([]);
  });

  it("accepts a content type with parameters and keeps only the last bytes", async () => {
    const { put, view } = mint();
    const ticket = uploads.checkPut({ ...put, contentType: "Image/PNG; charset=binary" });
    expect(ticket.ok).toBe(true);
    if (!ticket.ok) return;
    expect((await uploads.acceptBytes(ticket.value, pngBytes(10, 10))).ok).toBe(true);
    expect((await uploads.acceptBytes(ticket.value, pngBytes(10, 20))).ok).toBe(true);
    expect(listFiles(root)).toHaveLength(1);
    expect(uploads.classify("A", view.upload_id)).toMatchObject({ ok: true, value: { pose: "front" } });
  });
});

describe("classify and consume", () => {
  it("classifies deterministically, hides other teams' uploads and refuses unusable ones", async () => {
    const id = await upload(pngBytes(100, 100));
    const first = uploads.classify("A", id);
    expect(first).toEqual({ ok: true, value: { upload_id: id, pose: "portrait", confidence: 0.95 } });
    expect(uploads.classify("A", id)).toEqual(first);
    expect(uploads.classify("B", id)).toMatchObject({ status: 404, code: "resource_not_found", param: "upload_id" });
    expect(uploads.classify("A", "upl_01J00000000000000000000000")).toMatchObject({
      status: 400,
      code: "upload_invalid",
    });
    expect(uploads.classify("A", mint().view.upload_id)).toMatchObject({
      status: 400,
      code: "upload_invalid",
      message: expect.stringContaining("no bytes yet"),
    });
  });

  it("consumes all uploads or none, reporting a foreign upload first", async () => {
    const a = await upload(pngBytes(100, 200));
    const b = await upload(jpegBytes(100, 60), "A", "image/jpeg");
    const foreign = await upload(pngBytes(5, 5), "B");
    const empty = mint().view.upload_id;
    expect(uploads.consume("A", [a, empty, foreign])).toMatchObject({ status: 404, param: "upload_ids[2]" });
    expect(uploads.consume("A", [a, empty])).toMatchObject({
      status: 400,
      code: "upload_invalid",
      param: "upload_ids[1]",
    });
    const taken = uploads.consume("A", [a, b]);
    expect(taken.ok && taken.value.map((u) => u.guess.pose)).toEqual(["front", "back"]);
    expect(uploads.consume("A", [a])).toMatchObject({
      status: 400,
      code: "upload_invalid",
      message: expect.stringContaining("already used"),
    });
    expect(uploads.classify("A", b)).toMatchObject({ status: 400, code: "upload_invalid" });
  });

  it("refuses a PUT to a consumed ticket and leaves the character's bytes alone", async () => {
    const { put, view } = mint();
    const ticket = uploads.checkPut(put);
    if (!ticket.ok) throw new Error("unexpected");
    await uploads.acceptBytes(ticket.value, pngBytes(10, 10));
    const before = listFiles(root);
    expect(uploads.consume("A", [view.upload_id]).ok).toBe(true);
    expect(uploads.checkPut(put)).toMatchObject({ status: 400, code: "upload_invalid" });
    // A PUT that passed its checks just before the consume still cannot replace the bytes.
    expect(await uploads.acceptBytes(ticket.value, pngBytes(20, 10))).toMatchObject({
      status: 400,
      code: "upload_invalid",
    });
    expect(listFiles(root)).toEqual(before);
  });

  it("evicts tickets and their bytes after 24 hours", async () => {
    const id = await upload(pngBytes(10, 10));
    clock.advance(UPLOAD_TICKET_TTL_MS);
    expect(uploads.classify("A", id)).toMatchObject({
      status: 400,
      code: "upload_invalid",
      message: expect.stringContaining("expired"),
    });
    expect(await uploads.evictExpired()).toBe(1);
    expect(listFiles(root)).toEqual([]);
  });
});
