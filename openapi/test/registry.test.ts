// The invariants of the real version registry (x-aurous-versions in openapi.yaml, read from the bundle).
import { describe, expect, it } from "vitest";
import { readRegistry } from "../tools/lib/registry.mjs";
import { listReleases } from "../tools/lib/releases.mjs";
import { loadBundle } from "./bundle.js";

const spec = loadBundle();
const entries = readRegistry(spec); // throws, listing every problem, if the shape is wrong
const releases = listReleases();

describe("the version registry", () => {
  it("has info.version equal to its newest entry", () => {
    expect(spec.info.version).toBe(entries[0].version);
  });

  it("lists strictly descending dates", () => {
    const versions = entries.map((e: { version: string }) => e.version);
    expect(versions).toEqual([...new Set(versions)].sort().reverse());
  });

  it("starts with the first stable version, 2026-05-15, which is not breaking", () => {
    expect(entries.at(-1)).toMatchObject({ version: "2026-05-15", breaking: false });
    expect(entries.at(-1).changes.length).toBeGreaterThan(0);
  });

  it("has a frozen release for every version, and no frozen release outside it", () => {
    expect(releases.map((r) => r.version)).toEqual(entries.map((e: { version: string }) => e.version).reverse());
  });

  it("keeps released history unchanged: each frozen release carries the registry as it stood then", () => {
    for (const r of releases) {
      expect(r.doc["x-aurous-versions"], r.file).toEqual(
        entries.filter((e: { version: string }) => e.version <= r.version),
      );
    }
  });
});
