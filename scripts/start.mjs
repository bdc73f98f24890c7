#!/usr/bin/env node
// The repo's main job (`pnpm start` / `npm start`, which build everything first): runs the local
// API sandbox on http://127.0.0.1:4010, which also serves the rendered docs at /docs. Flags pass
// through to the sandbox: `npm start -- --port 5000`, `npm start -- --config teams.json`.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "packages", "sandbox", "dist", "cli.js");
const docs = join(root, "openapi", "dist", "docs", "index.html");

if (!existsSync(cli)) {
  console.error("The sandbox is not built yet: run `npm start` (it builds first) or `npm run build`.");
  process.exit(1);
}
if (!existsSync(docs)) {
  console.warn("Warning: the rendered docs are missing, so /docs answers 404 until `npm run build` renders them.");
}

// The sandbox's CLI reads the same argv and handles SIGINT/SIGTERM itself.
await import(pathToFileURL(cli).href);
