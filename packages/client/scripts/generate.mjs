#!/usr/bin/env node
// Regenerates src/generated/ (or the folder given as the first argument) from the bundled contract
// (or the bundle given with --spec):
// @hey-api/openapi-ts writes the types and the zod schemas; from the spec model, generate-meta.mjs
// adds meta.ts and validators.ts and generate-operations.mjs the operation functions and resource
// classes. The output is deterministic (no timestamps), so the drift test can regenerate into a
// temp folder and compare byte for byte.
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@hey-api/openapi-ts";
import { escapeControlCharacters } from "../../../scripts/codegen/escape-control-characters.mjs";
import { loadSpecModel } from "../../../scripts/codegen/spec-model.mjs";
import { renderMeta, renderValidators } from "./generate-meta.mjs";
import { renderOperations, renderResources } from "./generate-operations.mjs";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const bundlePath = resolve(packageRoot, "../../openapi/dist/openapi.json");

export async function generate(outDir, specPath = bundlePath) {
  await createClient({
    input: specPath,
    output: { path: outDir, clean: true, importFileExtension: ".js", tsConfigPath: null },
    logs: { level: "silent", file: false },
    // Types and schemas only: hey-api's fetch client and SDK functions went unused, since the
    // client's own transport (src/core/transport.ts) sends what operations.gen.ts builds from the model.
    plugins: [
      "@hey-api/typescript",
      // zod/mini: the same schemas, tree-shakeable, a third of the bundle size of classic zod.
      { name: "zod", compatibilityVersion: "mini" },
    ],
  });
  escapeControlCharacters(outDir);
  const model = loadSpecModel(specPath);
  writeFileSync(join(outDir, "meta.ts"), renderMeta(model));
  writeFileSync(join(outDir, "validators.ts"), renderValidators(model));
  writeFileSync(join(outDir, "operations.gen.ts"), renderOperations(model));
  writeFileSync(join(outDir, "resources.gen.ts"), renderResources(model));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Usage: generate.mjs [outDir] [--spec <bundle>] (a test regenerates from a copy of the spec).
  const specAt = process.argv.indexOf("--spec");
  const specPath = specAt > 0 ? resolve(process.argv[specAt + 1]) : bundlePath;
  const outArg = process.argv.slice(2).find((arg, i, all) => !arg.startsWith("--") && all[i - 1] !== "--spec");
  const outDir = resolve(outArg ?? join(packageRoot, "src/generated"));
  await generate(outDir, specPath);
  console.log(`generated ${outDir}`);
}
