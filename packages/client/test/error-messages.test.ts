// What the errors say: the message names the operation and the reason, with a fallback when the
// server gave none.
import { describe, expect, it } from "vitest";
import {
  AurousAbortError,
  AurousApiError,
  AurousCharacterFailedError,
  AurousConnectionError,
  AurousFileError,
  AurousResponseValidationError,
  AurousTimeoutError,
  AurousWaitTimeoutError,
} from "../src/index.js";
import { character } from "./support/fixtures.js";

const response = new Response(null, { status: 200 });

describe("error messages", () => {
  it("connection, timeout and abort errors name the operation", () => {
    expect(new AurousConnectionError("getCharacter", "socket hang up").message).toBe("getCharacter: socket hang up");
    expect(new AurousTimeoutError("getCharacter", 250).message).toBe("getCharacter: no response within 250 ms");
    expect(new AurousAbortError("getCharacter", "stop").message).toBe("getCharacter: aborted by the caller");
  });

  it("a failed character gives its error_message, or says there was none", () => {
    const failed = character({ status: "failed", error_message: "No face found." });
    expect(new AurousCharacterFailedError(failed).message).toBe(`character ${failed.id} failed: No face found.`);
    expect(new AurousCharacterFailedError(character({ status: "failed" })).message).toBe(
      `character ${failed.id} failed: no reason given`,
    );
  });

  it("a wait timeout says the last status seen, or that none was", () => {
    const seen = new AurousWaitTimeoutError("char_1", 500, character({ status: "synthesizing" }));
    expect(seen.message).toBe("getCharacter: character char_1 still synthesizing after 500 ms");
    expect(seen.timeoutMs).toBe(500);
    expect(new AurousWaitTimeoutError("char_1", 500, undefined).message).toBe(
      "getCharacter: character char_1 still unknown after 500 ms",
    );
  });

  it("a validation error without issues points at the root", () => {
    const error = new AurousResponseValidationError({ operation: "getCharacter", response, body: null, issues: [] });
    expect(error.path).toBe("(root)");
    expect(error.message).toBe("getCharacter: the 200 response breaks the contract at (root): invalid");
  });

  it("a file error gives the fs code, else the cause message", () => {
    expect(new AurousFileError("/a.png", Object.assign(new Error("no such file"), { code: "ENOENT" })).message).toBe(
      "cannot read /a.png (ENOENT)",
    );
    expect(new AurousFileError("/a.png", new Error("boom")).message).toBe("cannot read /a.png (boom)");
    expect(new AurousFileError("/a.png", "odd").message).toBe("cannot read /a.png (odd)");
    expect(new AurousFileError("/a.png", null, "write").message).toBe("cannot write /a.png (null)");
    expect(new AurousFileError("/a.png", undefined).message).toBe("cannot read /a.png (undefined)");
  });

  it("the generic API error keeps its own name", () => {
    const detail = {
      type: "invalid_request",
      code: "x",
      message: "m",
      doc_url: "https://d",
      request_id: "req_1",
    } as const;
    expect(new AurousApiError({ operation: "getCharacter", status: 422, detail, response } as never).name).toBe(
      "AurousApiError",
    );
  });
});
