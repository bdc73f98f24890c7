// The working spec against the released contract, right now: no breaking change at all.
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../../tools/lib/operation-diff.mjs";
import { evaluate } from "../../tools/lib/policy.mjs";
import { listReleases } from "../../tools/lib/releases.mjs";
import { loadBundle } from "../bundle.js";

const working = loadBundle();
const releases = listReleases();

describe("the working spec", () => {
  it("has no breaking change against releases/2026-05-15.json", () => {
    const first = releases.find((r) => r.version === "2026-05-15");
    expect(first).toBeDefined();
    expect(diffSpecs(first!.doc, working)).toEqual([]);
  });

  it("passes the full check against every frozen release", () => {
    const result = evaluate(working, releases);
    expect(result.problems).toEqual([]);
    expect(result.transitions.flatMap((t: { violations: unknown[] }) => t.violations)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("would be caught if it removed an operation (the walk covers the real document)", () => {
    const broken = structuredClone(working);
    delete broken.paths["/v1/characters/{id}"].delete;
    expect(
      diffSpecs(releases.at(-1)!.doc, broken).map((f: { rule: string; operationIds: string[] }) => [
        f.rule,
        f.operationIds,
      ]),
    ).toEqual([["operation-removed", ["deleteCharacter"]]]);
  });
});
