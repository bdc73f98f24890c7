import { describe, expect, it } from "vitest";
import { creditBreakdown, creditCost, type OperationMeta, operations } from "../src/index.js";

describe("creditCost", () => {
  it("reads x-aurous-credit-cost, with its body-field variants", () => {
    expect(creditCost(operations.createCharacter, { name: "a", upload_ids: ["upl_1"] })).toBe(0);
    expect(creditCost(operations.createCharacter, { name: "a", generate: true, attributes: {} })).toBe(4);
    expect(creditCost(operations.regenerateCharacterRef, { pose: "front" })).toBe(1);
    expect(creditCost(operations.resynthesizeCharacter)).toBe(4);
    expect(creditCost(operations.getCharacter)).toBe(0);
  });

  // createImage: { credits: 1, per_item_field: count, variants: [enhance_prompt: true → 2] }.
  it("prices per item when the rule names a per_item_field (createImage: per image, count)", () => {
    expect(operations.createImage.creditCost).toMatchObject({ credits: 1, per_item_field: "count" });
    expect(creditCost(operations.createImage, { prompt: "a" })).toBe(1);
    expect(creditCost(operations.createImage, { prompt: "a", count: 3 })).toBe(3);
    expect(creditCost(operations.createImage, { prompt: "a", count: 4, enhance_prompt: true })).toBe(8);
    expect(creditCost(operations.createImage, { prompt: "a", enhance_prompt: false, count: 2 })).toBe(2);
    expect(creditCost(operations.estimateImage, { prompt: "a", count: 4 })).toBe(0);
  });

  it("counts an absent per-item field as its schema default", () => {
    // The same rule on steps (default 30): the default is read from the body schema, not assumed 1.
    const rule = { ...operations.createImage.creditCost!, per_item_field: "steps" };
    const meta: OperationMeta = { ...operations.createImage, creditCost: rule };
    expect(creditCost(meta, { prompt: "a" })).toBe(30);
    expect(creditCost(meta, { prompt: "a", steps: 2 })).toBe(2);
    // A field without a default counts one item.
    const noDefault: OperationMeta = { ...operations.createImage, creditCost: { ...rule, per_item_field: "seed" } };
    expect(creditCost(noDefault, { prompt: "a" })).toBe(1);
  });

  it("breaks a price into the rule's base and what the variant adds (a generation's cost.breakdown)", () => {
    expect(creditBreakdown(operations.createImage, { prompt: "a" })).toEqual({
      amount: 1,
      base: 1,
      extra: 0,
      count: 1,
    });
    // The spec's estimate example: enhance_prompt on one image → amount 2, base 1, enhance 1.
    expect(creditBreakdown(operations.createImage, { prompt: "a", enhance_prompt: true })).toEqual({
      amount: 2,
      base: 1,
      extra: 1,
      count: 1,
    });
    expect(creditBreakdown(operations.createImage, { prompt: "a", count: 3, enhance_prompt: true })).toEqual({
      amount: 6,
      base: 3,
      extra: 3,
      count: 3,
    });
    expect(creditBreakdown(operations.createCharacter, { name: "a", generate: true })).toEqual({
      amount: 4,
      base: 0,
      extra: 4,
      count: 1,
    });
    expect(creditBreakdown(operations.uploadCharacterImage)).toEqual({ amount: 0, base: 0, extra: 0, count: 1 });
  });
});
