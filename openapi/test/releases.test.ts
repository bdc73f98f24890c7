// Frozen releases are the released contracts: canonical bytes, valid OpenAPI 3.1, pinned by SHA256SUMS.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import {
  CHECKSUMS_FILE,
  listReleases,
  readChecksums,
  releasesDir,
  serializeRelease,
  sha256,
} from "../tools/lib/releases.mjs";

const releases = listReleases();

describe("frozen releases", () => {
  it("include the first date version", () => {
    expect(releases.map((r) => r.file)).toContain("2026-05-15.json");
  });

  it("hold nothing but release files and their checksums", () => {
    expect(readdirSync(releasesDir).sort()).toEqual([...releases.map((r) => r.file), CHECKSUMS_FILE].sort());
  });

  it.each(releases.map((r) => [r.file, r] as const))(
    "%s is byte-stable JSON (re-serialising changes no byte)",
    (_file, r) => {
      expect(serializeRelease(JSON.parse(r.text))).toBe(r.text);
      expect(r.text.endsWith("}\n")).toBe(true);
    },
  );

  it.each(releases.map((r) => [r.file, r] as const))(
    "%s is a valid OpenAPI 3.1 document of its own version",
    async (_file, r) => {
      const api = (await SwaggerParser.validate(join(releasesDir, r.file))) as {
        openapi: string;
        info: { version: string };
      };
      expect(api.openapi).toMatch(/^3\.1\./);
      expect(api.info.version).toBe(r.version);
    },
  );

  it("match SHA256SUMS exactly (a released contract is never edited)", () => {
    const sums = readChecksums();
    expect([...sums.keys()].sort()).toEqual(releases.map((r) => r.file).sort());
    for (const r of releases) expect(sha256(r.text), r.file).toBe(sums.get(r.file));
  });
});
