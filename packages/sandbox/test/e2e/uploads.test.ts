// The upload flow end to end through @aurous/client: init, signed PUT, classify, create; and every
// way a PUT can be refused, with nothing written to disk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../helpers/files.js";
import { jpegBytes, pngBytes, webpBytes } from "../helpers/images.js";
import { errorOf, startSandbox, stopSandbox, type TestSandbox } from "../helpers/sandbox.js";

let t: TestSandbox;
beforeAll(async () => {
  t = await startSandbox();
});
afterAll(() => stopSandbox(t));

const filesOf = (uploadId: string) => listFiles(t.sandbox.dataDir).filter((f) => f.includes(uploadId));

async function putRaw(url: string, body: Uint8Array | string, contentType: string) {
  const payload = typeof body === "string" ? body : new Uint8Array(body); // a copy typed as fetch wants it
  return fetch(url, { method: "PUT", body: payload, headers: { "Content-Type": contentType } });
}

async function expectEnvelope(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; request_id: string; type: string } };
  expect(body.error.code).toBe(code);
  expect(response.headers.get("aurous-request-id")).toBe(body.error.request_id);
  return body.error;
}

describe("upload flow", () => {
  it("init → PUT → classify → create, then classify answers 400 upload_invalid", async () => {
    const { data: ticket, rateLimit } = await t.acme.uploads.init({
      filename: "front.png",
      extension: "png",
      content_type: "image/png",
    });
    expect(ticket.upload_url.startsWith(`${t.origin}/storage/uploads/${ticket.upload_id}?expires=`)).toBe(true);
    expect(ticket.upload_headers).toEqual({ "Content-Type": "image/png" });
    expect(rateLimit).toMatchObject({ limit: 60 });

    const put = await t.acme.uploads.put(ticket.upload_url, pngBytes(300, 600), { headers: ticket.upload_headers });
    expect(put.response.status).toBe(204);
    expect(put.requestId).toMatch(/^req_/);

    const first = await t.acme.uploads.classify({ upload_id: ticket.upload_id });
    expect(first.data).toEqual({ upload_id: ticket.upload_id, pose: "front", confidence: expect.any(Number) });
    expect((await t.acme.uploads.classify({ upload_id: ticket.upload_id })).data).toEqual(first.data); // same bytes, same answer

    const side = await t.acme.uploads.upload(jpegBytes(1000, 1400), { filename: "side.jpg", classify: true });
    expect(side.pose).toBe("side");
    const back = await t.acme.uploads.upload(webpBytes(1600, 1000), { filename: "back.webp" });

    const { data: character, response } = await t.acme.characters.create({
      name: "Uploaded",
      upload_ids: [ticket.upload_id, side.upload_id, back.upload_id],
      client_reference_id: "crm-42",
    });
    expect(response.status).toBe(201);
    expect(character).toMatchObject({
      status: "ready",
      client_reference_id: "crm-42",
      attributes: null,
      error_message: null,
    });
    expect(character.refs.map((r) => r.pose)).toEqual(["front", "side", "back"]);
    expect(t.balance("team_01J0000000000000000000ACME")).toBe(1000); // the upload flow is free

    // The ref URL serves the very bytes that were uploaded.
    const image = await fetch(character.refs[0]!.url);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(pngBytes(300, 600))).toBe(true);

    const consumed = await errorOf(t.acme.uploads.classify({ upload_id: ticket.upload_id }));
    expect(consumed).toMatchObject({ status: 400, code: "upload_invalid", param: "upload_id" });
    const reused = await errorOf(t.acme.characters.create({ name: "Again", upload_ids: [ticket.upload_id] }));
    expect(reused).toMatchObject({ status: 400, code: "upload_invalid", param: "upload_ids[0]" });
  });

  it("refuses uploads without bytes, and hides another team's upload behind 404", async () => {
    const { data: empty } = await t.acme.uploads.init({
      filename: "a.png",
      extension: "png",
      content_type: "image/png",
    });
    expect(await errorOf(t.acme.uploads.classify({ upload_id: empty.upload_id }))).toMatchObject({
      status: 400,
      code: "upload_invalid",
    });
    expect(await errorOf(t.acme.characters.create({ name: "x", upload_ids: [empty.upload_id] }))).toMatchObject({
      status: 400,
      code: "upload_invalid",
    });

    const theirs = await t.globex.uploads.upload(pngBytes(50, 50), { filename: "g.png" });
    expect(await errorOf(t.acme.uploads.classify({ upload_id: theirs.upload_id }))).toMatchObject({
      status: 404,
      code: "resource_not_found",
      param: "upload_id",
    });
    expect(await errorOf(t.acme.characters.create({ name: "x", upload_ids: [theirs.upload_id] }))).toMatchObject({
      status: 404,
      code: "resource_not_found",
      param: "upload_ids[0]",
    });
    // Still usable by its owner.
    expect((await t.globex.uploads.classify({ upload_id: theirs.upload_id })).data.pose).toBe("portrait");
  });

  it("rejects an extension that disagrees with the content type", async () => {
    // The client's types refuse the pair (the spec's oneOf); the server must refuse it too.
    const error = await errorOf(
      // @ts-expect-error a JPEG extension with a PNG content type
      t.acme.uploads.init({ filename: "a.png", extension: "jpg", content_type: "image/png" }),
    );
    expect(error).toMatchObject({ status: 400, code: "parameter_invalid_combination", param: "content_type" });
  });
});

describe("the signed PUT refuses", () => {
  it("tampered, mismatched and wrong-byte uploads, storing nothing; no API key is needed", async () => {
    const { data: ticket } = await t.acme.uploads.init({
      filename: "f.jpg",
      extension: "jpg",
      content_type: "image/jpeg",
    });
    const url = new URL(ticket.upload_url);
    const signature = url.searchParams.get("signature")!;

    const tampered = new URL(url);
    tampered.searchParams.set(
      "signature",
      signature.replace(/^./, (c) => (c === "0" ? "1" : "0")),
    );
    await expectEnvelope(await putRaw(tampered.href, jpegBytes(10, 10), "image/jpeg"), 401, "signature_invalid");
    // The URL is judged before the body is read: a forged URL is 401 whatever the body would be.
    await expectEnvelope(await putRaw(tampered.href, "hello", "text/plain"), 401, "signature_invalid");
    await expectEnvelope(
      await putRaw(tampered.href, Buffer.alloc(10 * 1024 * 1024 + 1, 0xff), "image/jpeg"),
      401,
      "signature_invalid",
    );

    const stretched = new URL(url);
    stretched.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 3600));
    await expectEnvelope(await putRaw(stretched.href, jpegBytes(10, 10), "image/jpeg"), 401, "signature_invalid");

    const unsigned = new URL(url);
    unsigned.searchParams.delete("signature");
    await expectEnvelope(await putRaw(unsigned.href, jpegBytes(10, 10), "image/jpeg"), 401, "signature_invalid");

    await expectEnvelope(await putRaw(url.href, pngBytes(10, 10), "image/png"), 400, "content_type_mismatch");
    await expectEnvelope(await putRaw(url.href, "hello", "text/plain"), 400, "content_type_mismatch");
    await expectEnvelope(await putRaw(url.href, pngBytes(10, 10), "image/jpeg"), 400, "upload_content_invalid");
    await expectEnvelope(
      await putRaw(url.href, Buffer.from("not a jpeg at all, only text"), "image/jpeg"),
      400,
      "upload_content_invalid",
    );
    await expectEnvelope(
      await putRaw(url.href, Buffer.alloc(10 * 1024 * 1024 + 1, 0xff), "image/jpeg"),
      413,
      "upload_too_large",
    );
    expect(filesOf(ticket.upload_id)).toEqual([]);
    expect(await errorOf(t.acme.uploads.classify({ upload_id: ticket.upload_id }))).toMatchObject({
      code: "upload_invalid",
    });

    // The correct bytes go through, with no API key on the request.
    const ok = await putRaw(url.href, jpegBytes(10, 10), "image/jpeg");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("aurous-request-id")).toMatch(/^req_/);
    expect(filesOf(ticket.upload_id)).toHaveLength(1);
  });

  it("an expired URL, and a PUT after the upload was consumed", async () => {
    const { data: late } = await t.acme.uploads.init({
      filename: "late.png",
      extension: "png",
      content_type: "image/png",
    });
    t.clock.advance(15 * 60 * 1000 + 1000);
    const expired = await expectEnvelope(
      await putRaw(late.upload_url, pngBytes(10, 10), "image/png"),
      401,
      "upload_url_expired",
    );
    expect(expired.type).toBe("authentication");
    expect(filesOf(late.upload_id)).toEqual([]);

    const used = await t.acme.uploads.upload(pngBytes(20, 20), { filename: "used.png" });
    await t.acme.characters.create({ name: "Consumer", upload_ids: [used.upload_id] });
    const { data: fresh } = await t.acme.uploads.init({
      filename: "x.png",
      extension: "png",
      content_type: "image/png",
    });
    await t.acme.uploads.put(fresh.upload_url, pngBytes(20, 20), { headers: fresh.upload_headers });
    await t.acme.characters.create({ name: "Consumer 2", upload_ids: [fresh.upload_id] });
    const before = filesOf(fresh.upload_id);
    await expectEnvelope(await putRaw(fresh.upload_url, pngBytes(30, 30), "image/png"), 400, "upload_invalid");
    expect(filesOf(fresh.upload_id)).toEqual(before);
  });
});
