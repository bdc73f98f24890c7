// The built package (dist/, built by turbo before `test`) is publishable: publint and
// are-the-types-wrong are clean, and both module systems load it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const built = existsSync(join(pkg, "dist", "index.js"));
const bin = (name: string) => join(pkg, "node_modules", ".bin", name);

describe.runIf(built || process.env.CI === "true")("package", () => {
  it("publint --strict reports nothing", () => {
    const out = execFileSync(bin("publint"), ["--strict"], { cwd: pkg, encoding: "utf8" });
    expect(out).toContain("All good!");
  }, 60_000);

  it("attw --pack finds no problems (node16 CJS and ESM, bundler; engines exclude node10)", () => {
    const out = execFileSync(bin("attw"), ["--pack", ".", "--profile", "node16", "--format", "json"], {
      cwd: pkg,
      encoding: "utf8",
    });
    const problems = (JSON.parse(out) as { analysis: { problems: Array<{ resolutionKind?: string }> } }).analysis
      .problems;
    expect(problems.filter((p) => p.resolutionKind !== "node10")).toEqual([]);
  }, 120_000);

  it("loads with require() and import, exposing the same API", () => {
    const cjs = execFileSync(
      process.execPath,
      ["-e", "console.log(Object.keys(require('@aurous/server-stubs')).sort().join())"],
      { cwd: pkg, encoding: "utf8" },
    );
    const esm = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        "const m = await import('@aurous/server-stubs'); console.log(Object.keys(m).sort().join())",
      ],
      { cwd: pkg, encoding: "utf8" },
    );
    expect(cjs).toBe(esm);
    expect(cjs).toContain("createAurousServer");
    const zod = execFileSync(
      process.execPath,
      ["-e", "console.log(typeof require('@aurous/server-stubs/zod').zCharacter.parse)"],
      { cwd: pkg, encoding: "utf8" },
    );
    expect(zod.trim()).toBe("function");
  });

  it("ships the scaffold bin", () => {
    let usage = "";
    try {
      execFileSync(process.execPath, [join(pkg, "dist", "cli.js")], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      usage = String((error as { stderr: string }).stderr);
      expect((error as { status: number }).status).toBe(2);
    }
    expect(usage).toContain("usage: aurous-server-stubs scaffold <dir>");
  });
});
