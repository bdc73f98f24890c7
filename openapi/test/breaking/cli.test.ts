// The two command-line tools end to end: exit codes, output, and what release:freeze writes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readChecksums, serializeRelease, sha256 } from "../../tools/lib/releases.mjs";
import { bundlePath, type Json } from "../bundle.js";
import { baseSpec, schemas } from "./fixture.js";

const tool = (name: string) => fileURLToPath(new URL(`../../tools/${name}`, import.meta.url));
const run = (name: string, ...args: string[]) =>
  spawnSync(process.execPath, [tool(name), ...args], {
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  });

let dir: string;
let releases: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "aurous-cli-test-"));
  releases = join(dir, "releases");
  // Freeze the fixture's first version with the real tool, into a scratch releases/ folder.
  mkdirSync(releases);
  writeFileSync(join(dir, "base.json"), JSON.stringify(baseSpec()));
  expect(run("release-freeze.mjs", "--spec", join(dir, "base.json"), "--releases", releases).status).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function specFile(name: string, change: (s: Json) => void) {
  const spec = baseSpec();
  change(spec);
  writeFileSync(join(dir, name), JSON.stringify(spec));
  return join(dir, name);
}

const secondVersion = (s: Json, entry: Json) => {
  s["x-aurous-versions"].unshift({ version: "2026-09-01", summary: "Second.", ...entry });
  s.info.version = "2026-09-01";
};

describe("check-breaking.mjs", () => {
  it("exits 1 and lists rule, operation, location and before → after for an undeclared break", () => {
    const result = run(
      "check-breaking.mjs",
      "--spec",
      specFile("broken.json", (s) => (schemas(s).Status.enum = ["active"])),
      "--releases",
      releases,
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("response-enum-value-removed  GET /v1/things/{id} (getThing)");
    expect(result.stderr).toContain('change  ["active","archived"] → ["active"] (removed "archived")');
  });

  it("exits 0 for an additive change", () => {
    const result = run(
      "check-breaking.mjs",
      "--spec",
      specFile("ok.json", (s) => schemas(s).Status.enum.push("deleted")),
      "--releases",
      releases,
    );
    expect(result.stdout).toContain("no undeclared breaking change");
    expect(result.status).toBe(0);
  });

  it("exits 0 on the real working spec, bundled afresh when no --spec is given", () => {
    const result = run("check-breaking.mjs");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(
      "the working spec (2026-05-15) against releases/2026-05-15.json: no undeclared breaking change.",
    );
    expect(result.status).toBe(0);
    expect(run("check-breaking.mjs", "--spec", bundlePath).status).toBe(0);
  });

  it("exits 2 when it cannot run", () => {
    const result = run("check-breaking.mjs", "--spec", join(dir, "missing.json"));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("check:breaking could not run");
  });
});

describe("release-freeze.mjs", () => {
  it("wrote the canonical bytes and their checksum", () => {
    const text = readFileSync(join(releases, "2026-05-15.json"), "utf8");
    expect(text).toBe(serializeRelease(baseSpec()));
    expect(readChecksums(releases).get("2026-05-15.json")).toBe(sha256(text));
  });

  it("freezes a declared new version next to the old one and never rewrites a frozen file", () => {
    const spec = specFile("v2.json", (s) => {
      delete schemas(s).Thing.properties.note;
      secondVersion(s, {
        breaking: true,
        changes: [{ type: "removed", description: "`note` is gone.", operations: ["getThing", "updateThing"] }],
      });
    });
    expect(run("release-freeze.mjs", "--spec", spec, "--releases", releases).status).toBe(0);
    const text = readFileSync(join(releases, "2026-09-01.json"), "utf8");
    expect([...readChecksums(releases).keys()]).toEqual(["2026-05-15.json", "2026-09-01.json"]);

    writeFileSync(
      spec,
      JSON.stringify({ ...JSON.parse(readFileSync(spec, "utf8")), servers: [{ url: "https://changed" }] }),
    );
    const again = run("release-freeze.mjs", "--spec", spec, "--releases", releases);
    expect(again.stdout).toContain("already exists");
    expect(readFileSync(join(releases, "2026-09-01.json"), "utf8")).toBe(text);
  });

  it("refuses to freeze a version whose breaking changes are not declared", () => {
    const spec = specFile("bad.json", (s) => {
      delete schemas(s).Thing.properties.note;
      secondVersion(s, { breaking: false, changes: [{ type: "added", description: "Nothing." }] });
    });
    const result = run("release-freeze.mjs", "--spec", spec, "--releases", releases);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("not freezing 2026-09-01");
    expect(existsSync(join(releases, "2026-09-01.json"))).toBe(false);
  });
});
