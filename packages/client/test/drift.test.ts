// The committed src/generated/ must be exactly what the generator makes from the current bundle.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const committed = join(packageDir, "src/generated");
const fresh = mkdtempSync(join(tmpdir(), "aurous-generated-"));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe("generated code", () => {
  it("matches a fresh generation from openapi/dist/openapi.json (run `pnpm generate` if not)", () => {
    execFileSync(process.execPath, ["scripts/generate.mjs", fresh], { cwd: packageDir, stdio: "pipe" });
    const names = (dir: string) =>
      files(dir)
        .map((f) => relative(dir, f))
        .sort();
    expect(names(fresh)).toEqual(names(committed));
    for (const name of names(committed)) {
      expect(readFileSync(join(fresh, name), "utf8"), name).toBe(readFileSync(join(committed, name), "utf8"));
    }
  });

  it("is reproducible: a second run gives the same bytes", () => {
    const again = mkdtempSync(join(tmpdir(), "aurous-generated-"));
    try {
      execFileSync(process.execPath, ["scripts/generate.mjs", again], { cwd: packageDir, stdio: "pipe" });
      for (const file of files(fresh)) {
        expect(readFileSync(join(again, relative(fresh, file)), "utf8")).toBe(readFileSync(file, "utf8"));
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  // In CI, turbo's `generate` task has rewritten src/generated/ before the tests run, so the check
  // above compares the fresh output with itself; what must hold there is that the rewrite changed
  // nothing that was committed.
  it.runIf(process.env.CI)("is committed as generated (CI: the generate task left no change)", () => {
    const status = execFileSync("git", ["status", "--porcelain", "--", "src/generated"], {
      cwd: packageDir,
      encoding: "utf8",
    });
    expect(status).toBe("");
  });

  it("holds no raw control characters (hey-api writes them into regex literals; the script escapes them)", () => {
    for (const file of files(committed)) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the test
      expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(readFileSync(file, "utf8")), file).toBe(false);
    }
  });
});
