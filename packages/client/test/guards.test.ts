import { describe, expect, it } from "vitest";
import { apiErrorFor } from "../src/errors/from-response.js";
import { AurousConnectionError, AurousError, isApiError } from "../src/index.js";

const notFound = (operation: "getCharacter" | "deleteCharacter") =>
  apiErrorFor(
    {
      operation,
      status: 404,
      detail: {
        type: "not_found",
        code: "resource_not_found",
        message: "gone",
        param: null,
        doc_url: "https://docs.aurous-labs.com/errors#resource_not_found",
        request_id: "req_1",
      },
      response: new Response(null, { status: 404 }),
    },
    undefined,
  );

describe("isApiError", () => {
  it("accepts a documented error of the operation asked about, and any operation's without one", () => {
    expect(isApiError(notFound("getCharacter"), "getCharacter")).toBe(true);
    expect(isApiError(notFound("deleteCharacter"))).toBe(true);
  });

  it("refuses another operation's error", () => {
    expect(isApiError(notFound("deleteCharacter"), "getCharacter")).toBe(false);
  });

  it("refuses whatever is not a documented API error", () => {
    for (const other of [
      new AurousConnectionError("getCharacter", "reset"),
      new AurousError("x"),
      new Error("x"),
      { operation: "getCharacter", status: 404 },
      null,
      undefined,
      "getCharacter",
    ]) {
      expect(isApiError(other)).toBe(false);
      expect(isApiError(other, "getCharacter")).toBe(false);
    }
  });
});
