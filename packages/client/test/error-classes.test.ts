// The status classes are flat: each is a direct subclass of AurousApiError, so `instanceof` on one
// of them means exactly its status (a 402 or a 409 is not an AurousInvalidRequestError).
import { describe, expect, it } from "vitest";
import { apiErrorFor } from "../src/errors/from-response.js";
import { AurousApiError } from "../src/index.js";
import { expectedErrorClass } from "./support/error-classes.js";

const statuses = Object.keys(expectedErrorClass).map(Number);

function errorFor(status: number): AurousApiError {
  return apiErrorFor(
    {
      operation: "createCharacter",
      status,
      detail: {
        type: "invalid_request",
        code: "x",
        message: `status ${status}`,
        doc_url: "https://docs.aurous-labs.com/errors#x",
        request_id: "req_1",
      },
      response: new Response(null, { status }),
    } as never,
    undefined,
  );
}

describe("error classes by status", () => {
  it.each(statuses)("%i has a class of its own, directly under AurousApiError", (status) => {
    const ErrorClass = expectedErrorClass[status]!;
    expect(Object.getPrototypeOf(ErrorClass)).toBe(AurousApiError);
    const error = errorFor(status);
    expect(error).toBeInstanceOf(ErrorClass);
    // Kept as a string (not the constructor's name) so it survives minification.
    expect(error.name).toBe(ErrorClass.name);
    for (const other of statuses.filter((s) => expectedErrorClass[s] !== ErrorClass)) {
      expect(error, `${status} is not a ${other}`).not.toBeInstanceOf(expectedErrorClass[other]!);
    }
  });

  it("reads an absent param as null", () => {
    expect(errorFor(429).param).toBeNull();
  });
});
