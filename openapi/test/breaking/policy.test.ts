// When a breaking difference may ship: only in a new date version whose registry entry declares it.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../tools/lib/policy.mjs";
import { serializeRelease } from "../../tools/lib/releases.mjs";
import { formatReport } from "../../tools/lib/report.mjs";
import type { Json } from "../bundle.js";
import { baseSpec, schemas } from "./fixture.js";

const release = (doc: Json) => ({
  version: doc.info.version,
  file: `${doc.info.version}.json`,
  text: serializeRelease(doc),
  doc,
});
const removeNote = (s: Json) => delete schemas(s).Thing.properties.note;
const addField = (s: Json) => (schemas(s).Thing.properties.color = { type: "string" });

/** Declares a new date version at the top of the registry and moves info.version to it. */
function declare(spec: Json, entry: Json) {
  spec["x-aurous-versions"].unshift({ summary: "Second.", breaking: true, ...entry });
  spec.info.version = entry.version;
  return spec;
}

const removedNote = {
  type: "removed",
  description: "`note` is gone from Thing.",
  operations: ["getThing", "updateThing"],
};

function working(...changes: Array<(s: Json) => void>) {
  const spec = baseSpec();
  for (const change of changes) change(spec);
  return spec;
}

describe("breaking-change policy", () => {
  const frozen = [release(baseSpec())];

  it("passes the unchanged spec and additive changes under the released date", () => {
    expect(evaluate(baseSpec(), frozen).ok).toBe(true);
    const result = evaluate(working(addField), frozen);
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.transitions[0]!.violations).toEqual([]);
  });

  it("fails a breaking change under the released date, with rule, location, before → after and advice", () => {
    const result = evaluate(working(removeNote), frozen);
    expect(result.ok).toBe(false);
    expect(result.transitions[0]!.violations.map((f: Json) => f.operation)).toEqual([
      "GET /v1/things/{id}",
      "PATCH /v1/things/{id}",
    ]);
    const text = formatReport(result);
    expect(text).toContain("response-property-removed  GET /v1/things/{id} (getThing)");
    expect(text).toContain("at      response 200 application/json: note");
    expect(text).toContain("change  optional → removed");
    expect(text).toContain("declare a new date version");
    expect(text).toContain("[getThing, updateThing]");
  });

  it("passes a breaking change declared by a new date version that lists the affected operations", () => {
    const spec = declare(working(removeNote), { version: "2026-09-01", changes: [removedNote] });
    const result = evaluate(spec, frozen);
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.transitions[0]!.declared).toHaveLength(2);
    expect(formatReport(result)).toContain("2 breaking change(s) declared in 2026-09-01");
  });

  it("fails when the new version's changes do not name every affected operation", () => {
    const spec = declare(working(removeNote), {
      version: "2026-09-01",
      changes: [{ ...removedNote, operations: ["getThing"] }],
    });
    const result = evaluate(spec, frozen);
    expect(result.ok).toBe(false);
    expect(result.transitions[0]!.violations.map((f: Json) => f.operationIds)).toEqual([["updateThing"]]);
    expect(formatReport(result)).toContain(
      'List [updateThing] in the operations of a "changed" or "removed" change of 2026-09-01',
    );
  });

  it("does not count an `added` change as declaring a breaking one", () => {
    const spec = declare(working(removeNote), {
      version: "2026-09-01",
      changes: [removedNote, { ...removedNote, type: "added" }],
    });
    spec["x-aurous-versions"][0].changes.shift();
    spec["x-aurous-versions"][0].changes.push({
      type: "changed",
      description: "Unrelated.",
      operations: ["listOthers"],
    });
    expect(evaluate(spec, frozen).transitions[0]!.violations).toHaveLength(2);
  });

  it("fails when the new version is not marked breaking", () => {
    const spec = declare(working(removeNote), { version: "2026-09-01", breaking: false, changes: [removedNote] });
    const result = evaluate(spec, frozen);
    expect(result.ok).toBe(false);
    expect(formatReport(result)).toContain("2026-09-01 declares these changes only if it is marked breaking: true.");
  });

  it("reports registry problems instead of comparing", () => {
    const spec = working((s) => (s.info.version = "2026-06-01"));
    const result = evaluate(spec, frozen);
    expect(result).toMatchObject({ ok: false, transitions: [] });
    expect(result.problems).toEqual([
      "working spec: info.version (2026-06-01) must equal the newest x-aurous-versions entry (2026-05-15)",
    ]);
  });

  it("rejects a working version older than the newest frozen release", () => {
    const newer = release(
      declare(baseSpec(), { version: "2026-09-01", breaking: false, changes: [{ type: "added", description: "x" }] }),
    );
    const result = evaluate(baseSpec(), [...frozen, newer]);
    expect(result.problems).toContain("info.version 2026-05-15 is older than the newest frozen release 2026-09-01");
  });

  it("requires a frozen release for every version but the newest, and a registry entry for every frozen file", () => {
    const spec = declare(declare(baseSpec(), { version: "2026-07-01", breaking: false, changes: [] }), {
      version: "2026-09-01",
      breaking: false,
      changes: [],
    });
    expect(evaluate(spec, frozen).problems).toEqual([
      "2026-07-01 is a released version in x-aurous-versions but releases/2026-07-01.json is missing",
    ]);
    const stray = release(working((s) => (s.info.version = s["x-aurous-versions"][0].version = "2026-01-01")));
    expect(evaluate(baseSpec(), [stray, ...frozen]).problems).toEqual([
      "releases/2026-01-01.json is not a version in x-aurous-versions",
    ]);
    expect(evaluate(baseSpec(), []).problems[0]).toMatch(/no frozen release.*release:freeze/);
  });

  it("holds consecutive frozen releases to the same rule, so freezing cannot skip the check", () => {
    const second = (changes: Json[]) => release(declare(working(removeNote), { version: "2026-09-01", changes }));
    const undeclared = second([{ type: "changed", description: "Something else.", operations: ["listOthers"] }]);
    const latest = (doc: Json) => structuredClone(doc);
    const bad = evaluate(latest(undeclared.doc), [...frozen, undeclared]);
    expect(bad.ok).toBe(false);
    expect(bad.transitions[0]!).toMatchObject({
      fromVersion: "2026-05-15",
      toVersion: "2026-09-01",
      toLabel: "releases/2026-09-01.json",
    });
    expect(bad.transitions[0]!.violations).toHaveLength(2);
    expect(bad.transitions[1]!.violations).toEqual([]); // the working spec equals the newest release
    const declared = second([removedNote]);
    expect(evaluate(latest(declared.doc), [...frozen, declared]).ok).toBe(true);
  });
});
