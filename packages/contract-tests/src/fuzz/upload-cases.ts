// Fuzz of the signed upload PUT: real tickets, then tampered signatures, altered or missing
// query parameters, made-up upload ids, mismatched Content-Types and bytes that are no image —
// each with the one documented answer — plus valid PNGs of random sizes (204).
import fc from "fast-check";
import { png } from "../server/png.js";
import type { FuzzCase, FuzzContext } from "./context.js";

export interface Ticket {
  upload_id: string;
  upload_url: string;
}

type Shape = (ticketUrl: URL) => URL;

/** A PUT case: `shape` turns the ticket's URL into the one sent (the fault, if any). */
function put(
  operationId: string,
  index: number,
  tickets: Ticket[],
  shape: Shape,
  contentType: string,
  body: Uint8Array,
  rule: string,
  kind: FuzzCase["kind"],
  expect: FuzzCase["expect"],
): FuzzCase {
  const build = (ticketUrl: URL) => {
    const url = shape(ticketUrl);
    return { method: "PUT", path: `${url.pathname}${url.search}`, headers: { "Content-Type": contentType }, body };
  };
  return {
    operationId,
    kind,
    rule,
    request: build(new URL((tickets[index] as Ticket).upload_url)),
    expect,
    ticket: { index, build },
  };
}

const signatureInvalid = (why: string): FuzzCase["expect"] => ({
  status: 401,
  codes: ["signature_invalid"],
  param: null,
  why,
});

export function uploadCases(ctx: FuzzContext & { tickets?: Ticket[] }): fc.Arbitrary<FuzzCase> | null {
  const tickets = ctx.tickets ?? [];
  // The operation the tickets sign (the spec's one signed-URL operation).
  const operationId = ctx.operations.find((op) => op.credential === "signed-url")?.operationId;
  if (tickets.length === 0 || !operationId) return null;
  const ticket = fc.nat({ max: tickets.length - 1 });
  const image = fc
    .record({ w: fc.integer({ min: 1, max: 48 }), h: fc.integer({ min: 1, max: 48 }) })
    .map(({ w, h }) => png(w, h));
  const withParam =
    (name: string, value: string | null): Shape =>
    (u) => {
      const copy = new URL(u);
      if (value === null) copy.searchParams.delete(name);
      else copy.searchParams.set(name, value);
      return copy;
    };
  const same: Shape = (u) => u;
  return fc.oneof(
    fc.tuple(ticket, image).map(([i, bytes]) =>
      put(operationId, i, tickets, same, "image/png", bytes, "valid PNG", "valid", {
        status: 204,
        codes: [],
        why: "the ticket's own type, real bytes",
      }),
    ),
    fc
      .tuple(ticket, fc.stringMatching(/^[0-9a-f]{64}$/), image)
      .map(([i, sig, bytes]) =>
        put(
          operationId,
          i,
          tickets,
          withParam("signature", sig),
          "image/png",
          bytes,
          "forged signature",
          "invalid",
          signatureInvalid("a signature the server did not make"),
        ),
      ),
    fc
      .tuple(ticket, fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(/^[0-9A-F]{64}$/)), image)
      .map(([i, sig, bytes]) =>
        put(
          operationId,
          i,
          tickets,
          withParam("signature", sig),
          "image/png",
          bytes,
          "malformed signature",
          "invalid",
          signatureInvalid("not a 64-hex signature"),
        ),
      ),
    fc
      .tuple(ticket, fc.integer({ min: 0, max: 99_999_999_999 }), image)
      .map(([i, exp, bytes]) =>
        put(
          operationId,
          i,
          tickets,
          (u) => withParam("expires", String(exp === Number(u.searchParams.get("expires")) ? exp + 1 : exp))(u),
          "image/png",
          bytes,
          "altered expires",
          "invalid",
          signatureInvalid("expires is covered by the signature"),
        ),
      ),
    fc
      .tuple(ticket, fc.constantFrom("signature", "expires"), image)
      .map(([i, name, bytes]) =>
        put(
          operationId,
          i,
          tickets,
          withParam(name, null),
          "image/png",
          bytes,
          `no ${name}`,
          "invalid",
          signatureInvalid(`${name} missing`),
        ),
      ),
    fc.tuple(ticket, fc.stringMatching(/^upl_[0-9A-HJKMNP-TV-Z]{26}$/), image).map(([i, id, bytes]) => {
      const elsewhere: Shape = (u) => {
        const other = new URL(u);
        other.pathname = `/storage/uploads/${id}`;
        return other;
      };
      return put(
        operationId,
        i,
        tickets,
        elsewhere,
        "image/png",
        bytes,
        "made-up upload id",
        "invalid",
        signatureInvalid("the signature is for another upload"),
      );
    }),
    fc.tuple(ticket, fc.constantFrom("image/jpeg", "image/webp"), image).map(([i, ct, bytes]) =>
      put(operationId, i, tickets, same, ct, bytes, "Content-Type mismatch", "invalid", {
        status: 400,
        codes: ["content_type_mismatch"],
        param: null,
        why: "the ticket was minted for image/png",
      }),
    ),
    fc.tuple(ticket, fc.uint8Array({ minLength: 0, maxLength: 4096 })).map(([i, bytes]) =>
      put(operationId, i, tickets, same, "image/png", bytes, "bytes that are no PNG", "invalid", {
        status: 400,
        codes: ["upload_content_invalid"],
        param: null,
        why: "random bytes are not an image/png",
      }),
    ),
  );
}
