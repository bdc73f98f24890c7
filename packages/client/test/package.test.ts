// The built package: publint and attw are clean, both module formats load on this Node, and the
// core bundles for a browser (no Node built-ins). Needs `pnpm build` first (turbo's test depends on build).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHARACTER_ID, character } from "./support/fixtures.js";
import { type StubServer, sendJson, startStub } from "./support/stub-server.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

let stub: StubServer;
beforeAll(async () => {
  if (!existsSync(`${packageDir}/dist/index.js`)) throw new Error("dist/ is missing: run `pnpm build` first");
  stub = await startStub();
});
afterAll(() => stub?.close());

describe("the published package", () => {
  it("passes publint", async () => {
    const { messages } = await publint({ pkgDir: packageDir, level: "suggestion", strict: true });
    expect(messages).toEqual([]);
  });

  // attw packs the package first: slow on a loaded 2-core CI machine.
  it("passes attw --pack (node10, node16 CJS/ESM, bundler)", { timeout: 120_000 }, () => {
    const run = spawnSync(bin("attw"), ["--pack", ".", "--format", "json"], { cwd: packageDir, encoding: "utf8" });
    const report = JSON.parse(run.stdout) as {
      problems: Record<string, unknown>;
      analysis: { problems: unknown[]; entrypoints: Record<string, unknown> };
    };
    expect(report.analysis.problems).toEqual([]);
    expect(report.problems).toEqual({});
    expect(Object.keys(report.analysis.entrypoints)).toEqual([".", "./node", "./package.json"]);
    expect(run.status).toBe(0);
  });

  it("loads with require() and import() on this Node, both entries", () => {
    const script = `
      const cjs = require('@aurous/client');
      const cjsNode = require('@aurous/client/node');
      import('@aurous/client').then(async (esm) => {
        const esmNode = await import('@aurous/client/node');
        const client = new esm.Aurous({ apiKey: 'k' });
        console.log(JSON.stringify({
          version: cjs.API_VERSION,
          same: esm.API_VERSION === cjs.API_VERSION,
          classes: typeof cjs.Aurous === 'function' && typeof client.characters.get === 'function',
          upload: typeof cjsNode.uploadFile === 'function' && typeof esmNode.uploadFile === 'function',
        }));
      });`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: packageDir, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ version: "2026-05-15", same: true, classes: true, upload: true });
  });

  it("makes a validated call from the built ESM output", async () => {
    stub.reset((_req, res) => sendJson(res, 200, character()));
    const built = (await import(`${packageDir}/dist/index.js`)) as typeof import("../src/index.js");
    const client = new built.Aurous({ apiKey: "k", baseUrl: stub.url });
    const { data, requestId } = await client.characters.get(CHARACTER_ID);
    expect(data.id).toBe(CHARACTER_ID);
    expect(requestId).toMatch(/^req_/);
    stub.reset((_req, res) => sendJson(res, 200, character({ status: "lost" as never })));
    await expect(client.characters.get(CHARACTER_ID)).rejects.toBeInstanceOf(built.AurousResponseValidationError);
  });

  it("bundles the core for a browser without Node built-ins", async () => {
    const result = await build({
      entryPoints: [`${packageDir}/dist/index.js`],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from\s*["'](node:)?(fs|path|http)/);
  });

  it("keeps Node built-ins out of the core but in the node entry", async () => {
    const attempt = build({
      entryPoints: [`${packageDir}/dist/node.js`],
      bundle: true,
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    await expect(attempt).rejects.toThrow(/fs\/promises/);
  });
});
