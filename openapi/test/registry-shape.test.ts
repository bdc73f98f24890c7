// The registry validator: what it accepts and the exact problems it reports.
import { describe, expect, it } from "vitest";
import { isDateVersion, readRegistry } from "../tools/lib/registry.mjs";
import type { Json } from "./bundle.js";

const spec = (entries: Json[], version = entries[0]?.version) => ({ info: { version }, "x-aurous-versions": entries });
const entry = (version: string, extra: Json = {}) => ({
  version,
  summary: `Version ${version}.`,
  breaking: false,
  changes: [],
  ...extra,
});
const problems = (doc: Json): string[] => {
  try {
    readRegistry(doc);
    return [];
  } catch (error) {
    return (error as Json).problems;
  }
};

describe("version registry shape", () => {
  it("accepts a well-formed registry and returns it newest first", () => {
    const breaking = entry("2026-09-01", {
      breaking: true,
      changes: [{ type: "removed", description: "x", operations: ["getThing"] }],
    });
    expect(readRegistry(spec([breaking, entry("2026-05-15")])).map((e: Json) => e.version)).toEqual([
      "2026-09-01",
      "2026-05-15",
    ]);
  });

  it("knows real calendar dates", () => {
    expect(["2026-05-15", "2028-02-29"].map(isDateVersion)).toEqual([true, true]);
    expect(["2026-02-30", "2026-5-15", "20260515", 20260515].map(isDateVersion)).toEqual([false, false, false, false]);
  });

  it("requires strictly descending dates", () => {
    expect(problems(spec([entry("2026-05-15"), entry("2026-09-01")]))).toContain(
      "x-aurous-versions must be in strictly descending date order: 2026-05-15 is listed before 2026-09-01",
    );
    expect(problems(spec([entry("2026-05-15"), entry("2026-05-15")]))).toHaveLength(1);
  });

  it("requires info.version to be the newest entry", () => {
    expect(problems(spec([entry("2026-09-01"), entry("2026-05-15")], "2026-05-15"))).toEqual([
      "info.version (2026-05-15) must equal the newest x-aurous-versions entry (2026-09-01)",
    ]);
  });

  it("rejects unknown keys, bad change types and malformed operations lists", () => {
    const bad = entry("2026-05-15", {
      released: "2026-05-15",
      changes: [
        { type: "fixed", description: "x", operation: "getThing" },
        { type: "added", description: "y", operations: [] },
      ],
    });
    expect(problems(spec([bad]))).toEqual([
      'x-aurous-versions[0] has unknown key "released"',
      'x-aurous-versions[0].changes[0] has unknown key "operation"',
      "x-aurous-versions[0].changes[0].type must be one of added, changed, removed",
      "x-aurous-versions[0].changes[1].operations must be a non-empty list of distinct operationIds",
    ]);
  });

  it("requires a breaking version to list what broke, and the first version not to be breaking", () => {
    expect(problems(spec([entry("2026-09-01", { breaking: true }), entry("2026-05-15", { breaking: true })]))).toEqual([
      'x-aurous-versions[0] is breaking but lists no "changed" or "removed" change',
      'x-aurous-versions[1] is breaking but lists no "changed" or "removed" change',
      "the first version 2026-05-15 cannot be breaking",
    ]);
  });

  it("rejects a missing or empty registry", () => {
    expect(problems({ info: { version: "2026-05-15" } })).toEqual(["x-aurous-versions must be a non-empty array"]);
    expect(problems(spec([]))).toEqual(["x-aurous-versions must be a non-empty array"]);
  });
});
