#!/usr/bin/env node
// The main job until the sandbox exists: the spec is bundled and the docs rendered; say where.
import { existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const artefacts = {
  "Bundled spec (JSON)": "openapi/dist/openapi.json",
  "Bundled spec (YAML)": "openapi/dist/openapi.yaml",
  "Rendered docs (offline)": "openapi/dist/docs/index.html",
};
let missing = false;
for (const [label, rel] of Object.entries(artefacts)) {
  const present = existsSync(join(root, rel));
  missing ||= !present;
  console.log(`${present ? "✓" : "✗"} ${label.padEnd(26)} ${join(root, rel)}`);
}
if (missing) process.exit(1);
console.log("\nOpen the docs file in a browser; `npm run mock` serves the spec with Prism on http://127.0.0.1:4011.");
