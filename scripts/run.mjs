#!/usr/bin/env node
// Entry point of the root npm scripts, so that a machine with only Node and npm can run them:
// it installs the pinned pnpm and the workspace's dependencies when they are missing, switches
// telemetry off, then runs the requested turbo task (or a script of this repo).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pnpmSpec = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager;

const env = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  TURBO_TELEMETRY_DISABLED: "1",
  SCARF_ANALYTICS: "false",
  DO_NOT_TRACK: "1",
};

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function dependenciesAreCurrent() {
  const marker = join(root, "node_modules", ".modules.yaml");
  if (!existsSync(marker)) return false;
  return statSync(marker).mtimeMs >= statSync(join(root, "pnpm-lock.yaml")).mtimeMs;
}

if (!dependenciesAreCurrent()) {
  console.log(`[run] installing dependencies with ${pnpmSpec} …`);
  const status = run("npx", ["--yes", pnpmSpec, "install", "--frozen-lockfile"]);
  if (status !== 0) process.exit(status);
}

const [kind, ...rest] = process.argv.slice(2);
const bin = (name) => join(root, "node_modules", ".bin", name);
if (kind === "node") process.exit(run(process.execPath, rest));
// Leading arguments without a dash are task names: `run.mjs lint test` runs both.
process.exit(run(bin("turbo"), ["run", kind, ...rest]));
