// The fuzz on the image operations, without a server: bodies honour the request's combination
// rules (`not` + x-aurous-combination-error, dependentRequired) unless a case breaks one on purpose,
// the output proxy's index is fuzzed as a number and its URL token as a credential.
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { everyBodySite, operationCases } from "../src/fuzz/cases.js";
import type { FuzzCase, FuzzContext } from "../src/fuzz/context.js";
import { loadSpec } from "../src/spec/bundle.js";
import { listOperations, operationById } from "../src/spec/operations.js";

const doc = loadSpec();
const ctx: FuzzContext = {
  apiKey: "k",
  apiVersion: doc.info.version,
  characterIds: ["char_REAL"],
  operations: listOperations(doc),
};
const request = (doc.components.schemas as Record<string, Record<string, unknown>>).CreateImageRequest as {
  allOf: unknown[];
  dependentRequired: unknown;
};
// Only the rules between keys: a body either honours all of them or breaks exactly what it means to.
const rules = new Ajv2020({ strict: false }).compile({
  allOf: request.allOf,
  dependentRequired: request.dependentRequired,
});
const bodyOf = (c: FuzzCase) => JSON.parse(String(c.request.body)) as Record<string, unknown>;
const sample = (opId: string, numRuns = 600) =>
  fc.sample(operationCases(doc, ctx, operationById(doc, opId)) as fc.Arbitrary<FuzzCase>, { numRuns, seed: 11 });

describe("image request bodies", () => {
  it.each(["createImage", "estimateImage"])("%s: valid bodies honour every combination rule", (opId) => {
    const valid = sample(opId).filter((c) => c.kind === "valid" && c.rule === "valid body");
    expect(valid.length).toBeGreaterThan(50);
    for (const c of valid) expect(rules(bodyOf(c)), JSON.stringify(bodyOf(c))).toBe(true);
    // Made-up ids are 404s naming the field; bodies without any are accepted.
    expect(valid.some((c) => c.expect.status === 404)).toBe(true);
    expect(valid.some((c) => c.expect.status === (opId === "createImage" ? 201 : 200))).toBe(true);
  });

  it("every rule between keys is broken once, alone, with its own code and param", () => {
    const perSite = everyBodySite(doc, ctx, operationById(doc, "createImage")).map(
      (arb) => fc.sample(arb, { numRuns: 1, seed: 3 })[0] as FuzzCase,
    );
    const broken = perSite.filter((c) => /^body (combination|dependentRequired)/.test(c.rule));
    expect(broken.map((c) => [c.rule, c.expect.codes, c.expect.param])).toEqual([
      [
        "body combination character_id + reference_image_urls at reference_image_urls",
        ["mutually_exclusive_input"],
        "reference_image_urls",
      ],
      ["body combination size + width at size", ["parameter_invalid_combination"], "size"],
      ["body combination size + height at size", ["parameter_invalid_combination"], "size"],
      ["body dependentRequired width → height at height", ["missing_field"], "height"],
      ["body dependentRequired height → width at width", ["missing_field"], "width"],
    ]);
    for (const c of broken) expect(rules(bodyOf(c)), c.rule).toBe(false);
  });

  it("a fault at any other site leaves the rules between keys intact", () => {
    const cases = sample("createImage", 1500).filter(
      (c) => c.kind === "invalid" && c.rule.startsWith("body ") && !/combination|dependentRequired/.test(c.rule),
    );
    expect(cases.length).toBeGreaterThan(100);
    for (const c of cases) expect(rules(bodyOf(c)), `${c.rule}: ${String(c.request.body)}`).toBe(true);
  });
});

describe("the output proxy", () => {
  const cases = sample("getImageOutput", 800);

  it("is fuzzed with numbers for n: a value outside 0–15 or not an integer is a 400 naming n", () => {
    const numbers = cases.filter((c) => c.rule.startsWith("path n="));
    expect(numbers.length).toBeGreaterThan(10);
    for (const c of numbers) expect(c.expect).toMatchObject({ status: 400, codes: ["invalid_format"], param: "n" });
    // Unknown generations are 404s with an n the schema allows.
    for (const c of cases.filter((x) => x.expect.status === 404)) {
      const n = /\/output\/([^/?]*)/.exec(c.request.path)?.[1];
      expect(Number(n), c.request.path).toBeGreaterThanOrEqual(0);
      expect(Number(n), c.request.path).toBeLessThanOrEqual(15);
    }
  });

  it("sends a forged token without a key (401 signature_invalid), and no token anywhere else", () => {
    const forged = cases.filter((c) => c.rule === "forged token, no API key");
    expect(forged.length).toBeGreaterThan(5);
    for (const c of forged) {
      expect(c.request.headers?.["X-Api-Key"]).toBeUndefined();
      expect(c.request.path).toMatch(/\?token=[0-9A-Za-z_.-]+$/);
      expect(c.expect).toMatchObject({ status: 401, codes: ["signature_invalid"] });
    }
    expect(cases.filter((c) => c.rule !== "forged token, no API key" && /[?&]token=/.test(c.request.path))).toEqual([]);
  });
});
