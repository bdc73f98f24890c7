// The published package: publint finds nothing, the bin has its shebang and is executable, the
// spec bundle it ships is the repository's, and the built code imports only its dependencies.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  files: string[];
  license: string;
};

describe("published package", () => {
  it("passes publint (strict)", async () => {
    const { messages } = await publint({ pkgDir: root, strict: true, level: "suggestion" });
    expect(messages.map((m) => `${m.type}: ${m.code} ${JSON.stringify(m.args)}`)).toEqual([]);
  });

  it("ships an executable bin with a shebang, and the spec bundle of this repository", () => {
    const bin = `${root}/${pkg.bin["aurous-contract-tests"]}`;
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const shipped = readFileSync(`${root}/dist/openapi.json`, "utf8");
    const source = readFileSync(createRequire(import.meta.url).resolve("@aurous/openapi/openapi.json"), "utf8");
    expect(shipped).toBe(source);
  });

  it("links its bin to a committed wrapper (pnpm install links it before any build) and ships its LICENSE", () => {
    const bin = pkg.bin["aurous-contract-tests"] as string;
    expect(bin).toMatch(/^\.\/bin\//);
    expect(readFileSync(`${root}/${bin}`, "utf8")).toContain('import "../dist/cli.js";');
    expect(pkg.files).toEqual(expect.arrayContaining(["bin", "dist", "LICENSE"]));
    expect(readFileSync(`${root}/LICENSE`, "utf8")).toMatch(/^MIT License/);
    expect(pkg.license).toBe("MIT");
  });

  it("imports nothing at run time but Node built-ins and its declared dependencies", () => {
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    const imported = new Set<string>();
    for (const file of readdirSync(`${root}/dist`).filter((f) => f.endsWith(".js"))) {
      for (const [, spec] of readFileSync(`${root}/dist/${file}`, "utf8").matchAll(/from "([^".][^"]*)"/g)) {
        if (spec && !spec.startsWith("node:"))
          imported.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] as string));
      }
    }
    expect([...imported].filter((name) => !allowed.has(name))).toEqual([]);
  });
});
