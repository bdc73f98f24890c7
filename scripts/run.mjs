#!/usr/bin/env node
// Entry point of the root npm scripts, so that a machine with only Node and npm can run them:
// it installs the pinned pnpm and the workspace's dependencies when they are missing, switches
// telemetry off, then runs the requested turbo task (or a script of this repo).
//
// Whatever pnpm the user has globally (none, or another major that cannot switch itself to the
// pin) is never used: pnpm is a root devDependency, and the workspace's own node_modules/.bin goes
// first on PATH for turbo and everything it starts (turbo looks a `pnpm` binary up on PATH).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpmSpec = manifest.packageManager;
const binDir = join(root, "node_modules", ".bin");
const bin = (name) => join(binDir, name);

const env = {
  ...process.env,
  PATH: [binDir, process.env.PATH].filter(Boolean).join(delimiter),
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

/** The workspace is installed, from the current lockfile, with the pinned pnpm in its .bin. */
function dependenciesAreCurrent() {
  const marker = join(root, "node_modules", ".modules.yaml");
  if (!existsSync(marker) || !existsSync(bin("pnpm"))) return false;
  return statSync(marker).mtimeMs >= statSync(join(root, "pnpm-lock.yaml")).mtimeMs;
}

if (!dependenciesAreCurrent()) {
  // npx fetches the pinned pnpm into npm's cache for this one install; the install then puts the
  // same version (a root devDependency) into node_modules/.bin for every later step.
  console.log(`[run] installing dependencies with ${pnpmSpec} …`);
  const status = run("npx", ["--yes", pnpmSpec, "install", "--frozen-lockfile"]);
  if (status !== 0) process.exit(status);
  if (!existsSync(bin("pnpm"))) {
    console.error(`[run] ${bin("pnpm")} is missing after the install: is pnpm a root devDependency?`);
    process.exit(1);
  }
}

const [kind, ...rest] = process.argv.slice(2);
if (kind === "node") process.exit(run(process.execPath, rest));
// Leading arguments without a dash are task names: `run.mjs lint test` runs both.
process.exit(run(bin("turbo"), ["run", kind, ...rest]));
