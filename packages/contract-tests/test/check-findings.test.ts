// The checker's findings one by one (src/conformance/): what it lets through (transport headers,
// numeric header values) and the exact finding for each problem, Prism's own answers included.
import { describe, expect, it } from "vitest";
import { checkResponse } from "../src/conformance/check.js";
import { prismViolations } from "../src/conformance/prism-violations.js";
import type { Exchange } from "../src/http/exchange.js";
import { listOperations } from "../src/spec/operations.js";
import {
  binaryExchange,
  doc,
  exchange,
  getCharacter,
  getImageOutput,
  notFound,
  validator,
} from "./support/exchanges.js";

const findings = (x: Exchange, invalidOnPurpose = false, op = getCharacter) =>
  checkResponse(op, x, validator, { requestInvalidOnPurpose: invalidOnPurpose }).map((p) => `${p.kind}: ${p.message}`);
const prism = (body: unknown, headers: Record<string, string> = {}) =>
  exchange(500, body, { "content-type": "application/problem+json", ...headers });

describe("what the checker lets through", () => {
  it("the transport and CORS headers any server may add", () => {
    const generic = [
      "content-length",
      "content-encoding",
      "transfer-encoding",
      "date",
      "connection",
      "keep-alive",
      "vary",
      "cache-control",
      "etag",
      "last-modified",
      "server",
      "access-control-allow-origin",
    ];
    expect(findings(exchange(404, notFound(), Object.fromEntries(generic.map((h) => [h, "x"]))))).toEqual([]);
    expect(findings(exchange(404, notFound(), { "x-access-control-allow-origin": "*" }))).toEqual([
      "header: getCharacter 404: undocumented header x-access-control-allow-origin",
    ]);
  });

  it("an integer header written in digits, and nothing else as one", () => {
    const limit = (value: string) =>
      findings(
        exchange(404, notFound(), {
          "x-ratelimit-limit": value,
          "x-ratelimit-remaining": "1",
          "x-ratelimit-reset": "1778235300",
        }),
      );
    expect(limit("240")).toEqual([]);
    expect(limit("240x")).toEqual(['header: getCharacter 404: header X-RateLimit-Limit: "240x" must be integer']);
    expect(limit("x240")).toEqual(['header: getCharacter 404: header X-RateLimit-Limit: "x240" must be integer']);
    expect(limit("2.5")).toContain('header: getCharacter 404: header X-RateLimit-Limit: "2.5" must be integer');
  });

  it("a success without error envelope needs no request id match", () => {
    const ok = exchange(200, { nope: true }, { "aurous-request-id": "req_other" });
    expect(findings(ok).filter((f) => f.includes("Aurous-Request-Id"))).toEqual([]);
  });
});

describe("the findings", () => {
  it("an undocumented code once, not again as an enum breach", () => {
    expect(findings(exchange(404, notFound("gone")))).toEqual([
      'code: getCharacter 404: undocumented error code "gone" (documented for getCharacter 404: resource_not_found)',
    ]);
  });

  it("the wrong content type, and a body that is not JSON", () => {
    expect(findings(exchange(404, notFound(), { "content-type": "text/html" }))).toEqual([
      'shape: getCharacter 404: content-type "text/html" (documented: application/json)',
    ]);
    expect(findings(exchange(404, undefined, {}, "<h1>Not found</h1>"))).toEqual([
      "shape: getCharacter 404: body is not JSON: <h1>Not found</h1>",
    ]);
    expect(findings(exchange(404, notFound(), { "content-type": "" })).at(0)).toBe(
      'shape: getCharacter 404: content-type "" (documented: application/json)',
    );
  });

  it("a body where none is documented", () => {
    const op = listOperations(doc).find((o) => o.responses.some((r) => !r.schema))!;
    const bodiless = op.responses.find((r) => !r.schema)!;
    const x = exchange(bodiless.status, undefined, {}, "oops");
    expect(findings(x, false, op)).toContain(
      `shape: ${op.operationId} ${bodiless.status}: documented without a body but 4 bytes came back`,
    );
    expect(
      findings(exchange(bodiless.status, undefined, {}, ""), false, op).filter((f) => f.startsWith("shape")),
    ).toEqual([]);
  });
});

describe("Prism's own answers", () => {
  const refused = {
    type: "https://stoplight.io/prism/errors#VIOLATIONS",
    title: "Request/Response not valid",
    detail: "Your request/response is not valid",
  };

  it("names the operation, not Prism's 500, and says Prism answered itself", () => {
    expect(findings(prism(refused))).toEqual([
      "prism: getCharacter (response refused by Prism): Prism answered itself (Request/Response not valid: Your request/response is not valid)",
    ]);
    expect(findings(prism({ ...refused, detail: undefined, title: undefined }))).toEqual([
      "prism: getCharacter (response refused by Prism): Prism answered itself ()",
    ]);
    expect(findings(prism(refused), true)).toEqual([]);
  });

  it("quotes the findings it lists instead", () => {
    const validation = [{ location: ["response", "body"], severity: "Error", message: "must have status" }];
    expect(findings(prism({ ...refused, validation }))).toEqual([
      "prism: getCharacter (response refused by Prism): Prism flagged the response at response.body: must have status",
    ]);
  });

  it("is only a problem document Prism made", () => {
    expect(
      findings(prism({ type: "https://example.com/other", title: "t" })).some((f) =>
        f.includes("Prism answered itself"),
      ),
    ).toBe(false);
    expect(findings(prism({ type: 42, title: "t" })).some((f) => f.includes("Prism"))).toBe(false);
    expect(
      findings(exchange(500, refused, { "content-type": "application/json" })).some((f) => f.includes("Prism")),
    ).toBe(false);
    expect(findings(prism(undefined, {})).some((f) => f.includes("Prism"))).toBe(false);
  });
});

describe("prismViolations", () => {
  const violations = (raw: unknown) =>
    prismViolations(exchange(200, {}, { "sl-violations": typeof raw === "string" ? raw : JSON.stringify(raw) }));

  it("puts body, path, query and header findings on the request side, the rest on the response", () => {
    const sides = violations(
      ["request", "body", "path", "query", "header", "response", "other"].map((l) => ({
        location: [l, "x"],
        message: l,
      })),
    ).map((v) => `${v.message}:${v.side}`);
    expect(sides).toEqual([
      "request:request",
      "body:request",
      "path:request",
      "query:request",
      "header:request",
      "response:response",
      "other:response",
    ]);
  });

  it("fills in what a finding leaves out", () => {
    expect(violations([{}])).toEqual([{ side: "response", location: "", severity: "Error", message: "" }]);
    expect(violations([{ location: ["response", "body"], severity: "Warning", message: "m" }])).toEqual([
      { side: "response", location: "response.body", severity: "Warning", message: "m" },
    ]);
  });

  it("reports an unreadable header as a finding", () => {
    expect(violations("not json")).toEqual([
      {
        side: "response",
        location: "response",
        severity: "Error",
        message: "unreadable sl-violations header: not json",
      },
    ]);
    expect(prismViolations(exchange(200, {}))).toEqual([]);
  });
});

describe("binary success bodies (getImageOutput 200: image/png, image/jpeg or image/webp)", () => {
  const output = (x: Exchange) => findings(x, false, getImageOutput);
  const json = (text: string) => new TextEncoder().encode(text);

  it("are judged by Content-Type and size, never JSON-schema-validated: each documented medium passes", () => {
    for (const ct of ["image/png", "image/jpeg", "image/webp", "IMAGE/PNG", "image/webp; q=1"])
      expect(output(binaryExchange(ct)), ct).toEqual([]);
    // Bytes that are not UTF-8 (Prism's proxy re-encodes them; the checker still reads bytes, not text).
    expect(output(binaryExchange("image/png", new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x80])))).toEqual([]);
  });

  it("an undocumented Content-Type is named with the documented media", () => {
    expect(output(binaryExchange("image/gif"))).toEqual([
      'shape: getImageOutput 200: content-type "image/gif" is not a documented medium (documented: image/png, image/jpeg, image/webp)',
    ]);
    expect(output(binaryExchange("application/octet-stream"))[0]).toMatch(/content-type "application\/octet-stream"/);
    const none = binaryExchange("image/png");
    delete none.headers["content-type"];
    expect(output(none)).toEqual([
      'shape: getImageOutput 200: content-type "" is not a documented medium (documented: image/png, image/jpeg, image/webp)',
    ]);
  });

  it("a JSON body is a finding, under a JSON or an image Content-Type", () => {
    const body = '{"url":"https://cdn.example/out.png"}';
    expect(output(binaryExchange("application/json", json(body)))).toEqual([
      'shape: getImageOutput 200: content-type "application/json" is not a documented medium (documented: image/png, image/jpeg, image/webp)',
      `shape: getImageOutput 200: a JSON body where the spec documents image/png, image/jpeg, image/webp bytes: ${body}`,
    ]);
    expect(output(binaryExchange("image/png", json(body)))).toEqual([
      `shape: getImageOutput 200: a JSON body where the spec documents image/png, image/jpeg, image/webp bytes: ${body}`,
    ]);
    // Text that merely starts like JSON is bytes like any other.
    expect(output(binaryExchange("image/png", json("{not json")))).toEqual([]);
  });

  it("an empty body is a finding", () => {
    expect(output(binaryExchange("image/png", new Uint8Array()))).toEqual([
      "shape: getImageOutput 200: empty body (documented: image/png, image/jpeg, image/webp bytes)",
    ]);
  });

  it("the headers are still checked: documented ones validated, undocumented ones named", () => {
    expect(output(binaryExchange("image/png", undefined, { "x-ratelimit-limit": "60" }))).toEqual([
      "header: getImageOutput 200: undocumented header x-ratelimit-limit",
    ]);
    expect(output(binaryExchange("image/png", undefined, { "aurous-version": "yesterday" }))[0]).toMatch(
      /^header: getImageOutput 200: header Aurous-Version: "yesterday"/,
    );
  });

  it("the operation's JSON errors keep the JSON checks", () => {
    const expired = exchange(410, { error: { ...notFound("output_expired").error, param: null } });
    expect(output(expired)).toEqual([]);
    expect(output(exchange(410, notFound("gone")))[0]).toMatch(/undocumented error code "gone"/);
  });
});
