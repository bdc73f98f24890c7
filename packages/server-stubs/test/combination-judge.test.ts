// The combination judge (combination.ts) on bodies of its own, not the spec's: rules written inline,
// nested objects, titles and messages the spec's rules do not exercise. As validation.ts does, each
// judge is built on the schema its validator compiled (`validate.schema`).
import { describe, expect, it } from "vitest";
import { COMBINATION, createCombinationJudge, firstRelevant } from "../src/runtime/combination.js";
import { createSchemaCompiler } from "../src/runtime/schemas.js";

const compiler = createSchemaCompiler();
const A_OR_B = { code: "mutually_exclusive_input", param: "b" };

/** Validates `data` against `schema` and judges the first failure, with the message given `where`. */
function judgeOf(schema: Record<string, unknown>) {
  const validate = compiler.strict(schema);
  const judge = createCombinationJudge(compiler, validate.schema);
  return (data: unknown, where = "") => {
    expect(validate(data), "the data must fail").toBe(false);
    const judged = judge(validate.errors ?? []);
    if (judged && "combination" in judged) return { ...judged, text: judged.message(where) };
    return judged;
  };
}

const notBoth = (extra: Record<string, unknown> = {}) => ({
  not: { required: ["a", "b"] },
  [COMBINATION]: A_OR_B,
  ...extra,
});
const fields = {
  a: { type: "integer", maximum: 5 },
  b: { type: "integer" },
  c: { type: "integer" },
  d: { type: "integer" },
};

describe("createCombinationJudge on inline rules", () => {
  it("answers a broken rule with its code and its description, code marks dropped", () => {
    const judged = judgeOf({ type: "object", properties: fields, allOf: [notBoth({ description: "`a` or `b`" })] });
    expect(judged({ a: 1, b: 2 })).toMatchObject({ combination: A_OR_B, at: "", text: "A or b" });
    expect(judged({ a: 1, b: 2 }, "item")).toMatchObject({ text: "item: a or b" });
  });

  it("falls back to the rule's title, then to a sentence of its own", () => {
    const titled = judgeOf({ type: "object", properties: fields, allOf: [notBoth({ title: "one of a and b" })] });
    expect(titled({ a: 1, b: 2 })).toMatchObject({ text: "One of a and b" });
    const bare = judgeOf({ type: "object", properties: fields, allOf: [notBoth()] });
    expect(bare({ a: 1, b: 2 })).toMatchObject({ text: "These fields cannot be sent together" });
    expect(bare({ a: 1, b: 2 }, "x")).toMatchObject({ text: "x: these fields cannot be sent together" });
  });

  it("reports a field invalid on its own before the rule", () => {
    const judged = judgeOf({ type: "object", properties: fields, allOf: [notBoth()] });
    expect(judged({ a: 9, b: 2 })).toMatchObject({ error: { keyword: "maximum", instancePath: "/a" } });
  });

  it("keeps the object's other allOf entries when checking the fields on their own", () => {
    const judged = judgeOf({
      type: "object",
      properties: fields,
      allOf: [notBoth(), { required: ["c"] }], // ajv meets the rule first
    });
    expect(judged({ a: 1, b: 2 })).toMatchObject({ error: { keyword: "required", params: { missingProperty: "c" } } });
    expect(judged({ a: 1, b: 2, c: 3 })).toMatchObject({ combination: A_OR_B });
  });

  it("answers the first broken rule in the order written", () => {
    const cAndD = { code: "parameter_invalid_combination", param: "d" };
    const judged = judgeOf({
      type: "object",
      properties: fields,
      allOf: [{ not: { required: ["c", "d"] }, [COMBINATION]: cAndD }, notBoth()],
    });
    expect(judged({ a: 1, b: 2, c: 3, d: 4 })).toMatchObject({ combination: cAndD });
    expect(judged({ a: 1, b: 2, c: 3 })).toMatchObject({ combination: A_OR_B });
  });

  it("locates a rule of a nested object by its path", () => {
    const judged = judgeOf({
      type: "object",
      properties: { inner: { type: "object", properties: fields, allOf: [notBoth()] } },
    });
    expect(judged({ inner: { a: 1, b: 2 } })).toMatchObject({ combination: A_OR_B, at: "/inner" });
    expect(judged({ inner: { a: 9, b: 2 } })).toMatchObject({ error: { instancePath: "/inner/a" } });
  });

  it("names the missing partner of a pair once the fields and rules hold", () => {
    const judged = judgeOf({
      type: "object",
      properties: fields,
      allOf: [notBoth()],
      dependentRequired: { c: ["d"] },
    });
    expect(judged({ c: 1 })).toMatchObject({
      error: { keyword: "dependentRequired", params: { property: "c", missingProperty: "d" } },
    });
    expect(judged({ a: 1, b: 1, c: 1 })).toMatchObject({ combination: A_OR_B });
  });

  it("gives a rule it does not find in its schemas its own answer, unordered", () => {
    const schema = { type: "object", properties: fields, allOf: [notBoth()] };
    const validate = compiler.strict(schema);
    validate({ a: 9, b: 2 });
    const stranger = createCombinationJudge(compiler, { type: "object" });
    expect(stranger(validate.errors ?? [])).toMatchObject({ combination: A_OR_B, at: "" });
  });

  it("leaves failures that are no rule's to the caller", () => {
    const validate = compiler.strict({ type: "object", properties: fields });
    validate({ a: 9 });
    expect(createCombinationJudge(compiler, validate.schema)(validate.errors ?? [])).toBeNull();
  });
});

describe("createCombinationJudge on a oneOf of flows", () => {
  const flows = (...branches: Array<Record<string, unknown>>) =>
    judgeOf({
      type: "object",
      properties: { ...fields, mode: { type: "string" } },
      oneOf: branches,
      [COMBINATION]: { code: "parameter_invalid_combination", param: "mode" },
    });
  const upload = { title: "Upload flow", required: ["a"], "x-aurous-selected-by": ["a"] };
  const synth = {
    title: "Synthesize flow",
    required: ["mode", "c"],
    properties: { mode: { const: "synth" } },
    "x-aurous-selected-by": ["mode"],
  };

  it("lists every branch's title, or its place, in the message", () => {
    expect(flows(upload, synth)({})).toMatchObject({
      combination: { code: "parameter_invalid_combination", param: "mode" },
      text: "The request body must follow exactly one of: Upload flow or Synthesize flow.",
    });
    const untitled = { required: ["b"] };
    expect(flows(upload, untitled, synth)({}, "flows")).toMatchObject({
      text: "flows must follow exactly one of: Upload flow, option 2 or Synthesize flow.",
    });
  });

  it("names a single branch alone", () => {
    expect(flows(upload)({})).toMatchObject({ text: "The request body must follow exactly one of: Upload flow." });
  });

  it("answers a request that picked one branch with that branch's own failure", () => {
    expect(flows(upload, synth)({ mode: "synth" })).toMatchObject({
      error: { keyword: "required", params: { missingProperty: "c" } },
    });
  });

  it("counts a branch as picked only when every selecting key is there and its constraints hold", () => {
    // mode is present but names no flow: nothing picked, so the combination is the fault.
    expect(flows(upload, synth)({ mode: "other" })).toMatchObject({ combination: { param: "mode" } });
    const both = { ...synth, "x-aurous-selected-by": ["mode", "d"] };
    expect(flows(upload, both)({ mode: "synth" })).toMatchObject({ combination: { param: "mode" } });
    // A branch without selecting keys is never picked by its constraints alone.
    const unselected = { title: "Loose", required: ["b", "c"] };
    expect(flows(upload, unselected)({ b: 1 })).toMatchObject({ combination: { param: "mode" } });
  });

  it("answers the combination when two branches are picked", () => {
    const judged = flows(upload, { ...synth, required: ["mode"] });
    expect(judged({ a: 1, mode: "synth" })).toMatchObject({ combination: { param: "mode" } });
    // Both picked and both failing on their own: still the combination, not the first branch's failure.
    const strict = flows({ ...upload, required: ["a", "b"] }, synth);
    expect(strict({ a: 1, mode: "synth" })).toMatchObject({ combination: { param: "mode" } });
  });
});

describe("firstRelevant", () => {
  const error = (keyword: string) => ({ keyword, instancePath: "", schemaPath: "", params: {} });

  it("skips the combinators' own failures for the one beneath them", () => {
    expect(firstRelevant([error("oneOf"), error("not"), error("required")]).keyword).toBe("required");
    expect(firstRelevant([error("anyOf"), error("allOf"), error("if"), error("type")]).keyword).toBe("type");
  });

  it("falls back to the first when every failure is a combinator's", () => {
    expect(firstRelevant([error("not"), error("oneOf")]).keyword).toBe("not");
  });
});
