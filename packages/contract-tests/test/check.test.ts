// The response checker on hand-made exchanges: what it must accept, and each kind of
// undocumented thing it must name (status, code, shape, header, Prism's findings).
import { describe, expect, it } from "vitest";
import { checkResponse } from "../src/conformance/check.js";
import type { Exchange } from "../src/http/exchange.js";
import { exchange, getCharacter, notFound, validator } from "./support/exchanges.js";

const messages = (x: Exchange, invalidOnPurpose = false) =>
  checkResponse(getCharacter, x, validator, { requestInvalidOnPurpose: invalidOnPurpose }).map(
    (p) => `${p.kind}: ${p.message}`,
  );

describe("checkResponse", () => {
  it("accepts a documented error with its headers", () => {
    expect(
      messages(
        exchange(404, notFound(), {
          "x-ratelimit-limit": "240",
          "x-ratelimit-remaining": "239",
          "x-ratelimit-reset": "1778235300",
        }),
      ),
    ).toEqual([]);
  });

  it("names an undocumented status with the documented ones", () => {
    expect(messages(exchange(418, {}))).toEqual([
      "status: getCharacter 418: undocumented status 418 (documented: 200, 400, 401, 404, 429, 500)",
    ]);
  });

  it("names an undocumented code with the codes documented for that status", () => {
    expect(messages(exchange(404, notFound("gone")))).toContain(
      'code: getCharacter 404: undocumented error code "gone" (documented for getCharacter 404: resource_not_found)',
    );
  });

  it("names a shape problem, a missing required header, a mismatched request id and an undocumented header", () => {
    const body = notFound();
    delete (body.error as Partial<typeof body.error>).doc_url;
    const x = exchange(404, body, { "aurous-request-id": "req_01JCN8ZK5W3T6Q9RVX2YBHMDEB", "x-debug-trace": "1" });
    delete x.headers["aurous-version"];
    expect(messages(x)).toEqual([
      "shape: getCharacter 404: body /error must have required property 'doc_url'",
      "header: getCharacter 404: Aurous-Request-Id req_01JCN8ZK5W3T6Q9RVX2YBHMDEB differs from error.request_id req_01JCN8ZK5W3T6Q9RVX2YBHMDEA",
      "header: getCharacter 404: required header Aurous-Version is missing",
      "header: getCharacter 404: undocumented header x-debug-trace",
    ]);
  });

  it("treats Prism's request findings as expected only for deliberately invalid requests; response findings always fail", () => {
    const violations = JSON.stringify([
      {
        location: ["request", "path", "id"],
        severity: "Error",
        message: "Request path parameter id must match pattern",
      },
      {
        location: ["response", "body"],
        severity: "Error",
        message: "Response body must have required property 'status'",
      },
    ]);
    const x = exchange(404, notFound(), { "sl-violations": violations });
    expect(messages(x, true)).toEqual([
      "prism: getCharacter 404: Prism flagged the response at response.body: Response body must have required property 'status'",
    ]);
    expect(messages(x, false)).toHaveLength(2);
  });
});
