import { describe, expect, it } from "vitest";
import { creditCost, operations } from "../src/index.js";

describe("creditCost", () => {
  it("reads x-aurous-credit-cost, with its body-field variants", () => {
    expect(creditCost(operations.createCharacter, { name: "a", upload_ids: ["upl_1"] })).toBe(0);
    expect(creditCost(operations.createCharacter, { name: "a", generate: true, attributes: {} })).toBe(4);
    expect(creditCost(operations.regenerateCharacterRef, { pose: "front" })).toBe(1);
    expect(creditCost(operations.resynthesizeCharacter)).toBe(4);
    expect(creditCost(operations.getCharacter)).toBe(0);
  });
});
