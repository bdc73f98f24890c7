// Which image type a file name implies, and the extension an upload declares for a type.
import { describe, expect, it } from "vitest";
import { extensionFor } from "../src/helpers/content-type.js";
import { contentTypeOf } from "../src/index.js";

describe("content types of file names", () => {
  it("reads the last extension, in any case", () => {
    expect(contentTypeOf("me.final.PNG")).toBe("image/png");
    expect(contentTypeOf("a.jpeg")).toBe("image/jpeg");
    expect(contentTypeOf(".webp")).toBe("image/webp");
  });

  it("implies nothing without an extension, even for a name that is one", () => {
    expect(contentTypeOf("png")).toBeUndefined();
    expect(contentTypeOf("photo")).toBeUndefined();
    expect(contentTypeOf("photo.gif")).toBeUndefined();
  });

  it("declares the file's own extension when it agrees with the type, else the type's usual one", () => {
    expect(extensionFor("me.jpeg", "image/jpeg")).toBe("jpeg");
    expect(extensionFor("me.png", "image/jpeg")).toBe("jpg");
    expect(extensionFor("blob", "image/png")).toBe("png");
    expect(extensionFor("blob", "image/webp")).toBe("webp");
  });
});
