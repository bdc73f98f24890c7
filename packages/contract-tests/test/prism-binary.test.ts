// The output proxy's binary 200 and its URL token, as Prism 5.16 handles them — what the client
// side (mock) and the server side (validating proxy) of the contract suite rely on:
// - the mock serves `format: binary` media as a placeholder string ("string") under the negotiated
//   image type, accepts the `?token=` credential in place of a key and answers no credential with the
//   spec's 401 envelope; the client resolves the placeholder to a Blob;
// - the validating proxy forwards real image bytes re-encoded as text (the scenarios therefore
//   check the bytes straight from the server) and refuses an undocumented Content-Type with its own
//   500 naming the documented media, which the checker reports.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Aurous } from "@aurous/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkResponse } from "../src/conformance/check.js";
import { SpecValidator } from "../src/conformance/validator.js";
import { send } from "../src/http/exchange.js";
import { type PrismHandle, startPrism } from "../src/prism/process.js";
import { imageTypeOf, png } from "../src/server/png.js";
import { defaultSpecPath, loadSpec } from "../src/spec/bundle.js";
import { operationById } from "../src/spec/operations.js";

const specPath = defaultSpecPath();
const doc = loadSpec(specPath);
const validator = new SpecValidator(doc);
const output = operationById(doc, "getImageOutput");
const path = "/v1/images/img_01HXMQ7Z3K8Y2NABCDEFGHJKMR/output/0";
const KEY = `al_live_${"a".repeat(64)}`;
const RID = "req_01JCN8ZK5W3T6Q9RVX2YBHMDEA";

let mock: PrismHandle;
let proxy: PrismHandle;
let upstream: Server;
let answer: { contentType: string; body: Uint8Array } = { contentType: "image/png", body: png(8, 8) };

beforeAll(async () => {
  upstream = createServer((_req, res) => {
    res.writeHead(200, {
      "content-type": answer.contentType,
      "aurous-version": doc.info.version,
      "aurous-request-id": RID,
    });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  [mock, proxy] = await Promise.all([
    startPrism({ mode: "mock", specPath, errors: true }),
    startPrism({ mode: "proxy", specPath, upstream: upstreamUrl, errors: true }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([mock?.stop(), proxy?.stop()]);
  upstream?.close();
});

describe("Prism's mock", () => {
  it("serves a non-empty placeholder under a documented image type, which the checker accepts", async () => {
    const x = await send(mock.url, { method: "GET", path, headers: { "X-Api-Key": KEY } });
    expect(x.status).toBe(200);
    expect(x.headers["content-type"]).toMatch(/^image\/png/);
    expect(x.bodyBytes?.length).toBeGreaterThan(0);
    expect(checkResponse(output, x, validator)).toEqual([]);
    const webp = await send(mock.url, { method: "GET", path, headers: { "X-Api-Key": KEY, Accept: "image/webp" } });
    expect(webp.headers["content-type"]).toMatch(/^image\/webp/);
    expect(checkResponse(output, webp, validator)).toEqual([]);
  });

  it("takes the URL token in place of the key, and answers neither with the spec's 401", async () => {
    const token = await send(mock.url, { method: "GET", path: `${path}?token=0f3c9a7d2b6e41c8a5f0d9e3b7c2a1f4` });
    expect(token.status).toBe(200);
    expect(token.headers["sl-violations"]).toBeUndefined();
    const none = await send(mock.url, { method: "GET", path });
    expect(none.status).toBe(401);
    expect((none.json as { error: { code: string } }).error.code).toBe("missing_api_key");
  });

  it("through @aurous/client: getImageOutput resolves to a non-empty Blob of the served type", async () => {
    const client = new Aurous({ apiKey: KEY, baseUrl: mock.url, maxRetries: 0, validateResponses: true });
    const images = (client as unknown as { images: { output(id: string, n: number): Promise<{ data: unknown }> } })
      .images;
    const result = await images.output("img_01HXMQ7Z3K8Y2NABCDEFGHJKMR", 0);
    expect(result.data).toBeInstanceOf(Blob);
    expect((result.data as Blob).size).toBeGreaterThan(0);
    expect((result.data as Blob).type).toMatch(/^image\/png/);
  });
});

describe("Prism's validating proxy", () => {
  it("passes a real PNG with its Content-Type, but re-encodes the bytes (so scenarios read them directly)", async () => {
    answer = { contentType: "image/png", body: png(8, 8) };
    const x = await send(proxy.url, { method: "GET", path, headers: { "X-Api-Key": KEY } });
    expect(x.status).toBe(200);
    expect(checkResponse(output, x, validator)).toEqual([]);
    // Prism 5.16 decodes the body as UTF-8 and sends the text: the PNG signature does not survive.
    expect(imageTypeOf(x.bodyBytes ?? new Uint8Array())).toBeNull();
    expect(x.bodyBytes?.length).not.toBe(answer.body.length);
  });

  it("refuses an undocumented Content-Type with its own 500, which the checker reports", async () => {
    answer = { contentType: "image/gif", body: png(8, 8) };
    const x = await send(proxy.url, { method: "GET", path, headers: { "X-Api-Key": KEY } });
    expect(x.status).toBe(500);
    // (Prism lists it twice, in sl-violations and in its problem body; the suite reports it once.)
    expect([...new Set(checkResponse(output, x, validator).map((p) => p.message))]).toEqual([
      'getImageOutput (response refused by Prism): Prism flagged the response at response: The received media type "image/gif" does not match the ones specified in the current response: image/png, image/jpeg, image/webp',
    ]);
  });

  it("refuses a JSON body under a 200 documented as bytes", async () => {
    answer = { contentType: "application/json", body: new TextEncoder().encode('{"url":"https://cdn.example/x.png"}') };
    const x = await send(proxy.url, { method: "GET", path, headers: { "X-Api-Key": KEY } });
    expect(x.status).toBe(500);
    expect(
      checkResponse(output, x, validator)
        .map((p) => p.message)
        .join("\n"),
    ).toMatch(/received media type "application\/json" does not match/);
  });
});
