// Every error keeps its class name in `name` as a string, so logs still say which error it was after
// a minifier renamed the classes (the API status classes are checked in error-classes.test.ts).
import { describe, expect, it } from "vitest";
import {
  AurousAbortError,
  AurousCharacterFailedError,
  AurousConnectionError,
  AurousError,
  AurousFileError,
  AurousResponseValidationError,
  AurousTimeoutError,
  AurousUndocumentedResponseError,
  AurousWaitTimeoutError,
} from "../src/index.js";
import { character } from "./support/fixtures.js";

const response = new Response(null, { status: 200, headers: { "Aurous-Request-Id": "req_1" } });

describe("error names", () => {
  it.each([
    ["AurousError", new AurousError("x")],
    ["AurousConnectionError", new AurousConnectionError("getCharacter", "reset")],
    ["AurousTimeoutError", new AurousTimeoutError("getCharacter", 100)],
    ["AurousAbortError", new AurousAbortError("getCharacter", "stop")],
    [
      "AurousUndocumentedResponseError",
      new AurousUndocumentedResponseError({ operation: "getCharacter", response, body: "", reason: "x" }),
    ],
    [
      "AurousResponseValidationError",
      new AurousResponseValidationError({ operation: "getCharacter", response, body: {}, issues: [] }),
    ],
    [
      "AurousCharacterFailedError",
      new AurousCharacterFailedError(character({ status: "failed", error_message: "no" })),
    ],
    ["AurousWaitTimeoutError", new AurousWaitTimeoutError("char_1", 100, undefined)],
    ["AurousFileError", new AurousFileError("/x.png", Object.assign(new Error("missing"), { code: "ENOENT" }))],
  ])("%s", (name, error) => {
    expect(error.name).toBe(name);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });
});
