// The oversize scenarios take their sizes from the spec: check the reader against the bundle.
import { describe, expect, it } from "vitest";
import { loadSpec } from "../src/spec/bundle.js";
import { specLimits } from "../src/spec/limits.js";

describe("specLimits", () => {
  it("reads x-aurous-limits from the bundle", () => {
    const doc = loadSpec();
    expect(specLimits()).toEqual(doc["x-aurous-limits"]);
    expect(specLimits().json_body_bytes).toBeGreaterThan(0);
  });

  it("refuses a spec without the limits", () => {
    const doc = { ...loadSpec() };
    delete doc["x-aurous-limits"];
    expect(() => specLimits(doc)).toThrow(/x-aurous-limits/);
  });
});
