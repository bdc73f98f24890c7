// prepareBytes (binary-response.ts): the headers of a raw-byte answer and why it is off-spec, on
// responses of its own (one or several documented media).
import { describe, expect, it } from "vitest";
import type { ResponseMeta } from "../src/index.js";
import { prepareBytes } from "../src/runtime/binary-response.js";

const response = (...contentTypes: string[]): ResponseMeta => ({
  status: 200,
  kind: "success",
  errorType: null,
  codes: [],
  schema: null,
  headers: {},
  contentTypes,
  binary: true,
});
const BYTES = new Uint8Array([1, 2, 3]);

describe("prepareBytes", () => {
  it("puts Content-Type under its canonical name and keeps the other headers as given", () => {
    const { headers, problem } = prepareBytes(response("image/png", "image/jpeg"), BYTES, {
      "content-TYPE": "image/jpeg",
      "Cache-Control": "private",
      "X-Count": 2,
    });
    expect(headers).toEqual({ "Cache-Control": "private", "X-Count": 2, "Content-Type": "image/jpeg" });
    expect(problem).toBeNull();
  });

  it("names the only documented medium when the handler names none", () => {
    expect(prepareBytes(response("image/png"), BYTES, undefined)).toEqual({
      headers: { "Content-Type": "image/png" },
      problem: null,
    });
  });

  it("needs the handler to say which of several media it sends", () => {
    expect(prepareBytes(response("image/png", "image/webp"), BYTES, {})).toStrictEqual({
      headers: {},
      problem: "no Content-Type (one of image/png, image/webp)",
    });
  });

  it("matches the media type whatever its case, spaces and parameters", () => {
    const res = response("image/png; charset=binary", "Image/WebP");
    expect(prepareBytes(res, BYTES, { "Content-Type": " IMAGE/PNG ; q=1" }).problem).toBeNull();
    expect(prepareBytes(res, BYTES, { "Content-Type": "image/webp" }).problem).toBeNull();
  });

  it("keeps the handler's Content-Type even when only one medium is documented", () => {
    expect(prepareBytes(response("image/png"), BYTES, { "Content-Type": "image/gif" }).problem).toBe(
      "Content-Type image/gif is not documented (image/png)",
    );
  });

  it("says why an answer is off-spec", () => {
    const res = response("image/png", "image/webp");
    expect(prepareBytes(res, BYTES, { "Content-Type": "image/gif" }).problem).toBe(
      "Content-Type image/gif is not documented (image/png, image/webp)",
    );
    expect(prepareBytes(res, "bytes", { "Content-Type": "image/png" }).problem).toBe("body is not bytes (string)");
    expect(prepareBytes(res, null, { "Content-Type": "image/png" }).problem).toBe("body is not bytes (null)");
    expect(prepareBytes(res, [1, 2], { "Content-Type": "image/png" }).problem).toBe("body is not bytes (object)");
  });
});
