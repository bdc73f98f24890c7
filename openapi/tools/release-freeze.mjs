#!/usr/bin/env node
// `pnpm release:freeze`: writes releases/<info.version>.json, the frozen contract of the current date
// version, and its line in releases/SHA256SUMS. It never overwrites a frozen release, and it refuses to
// freeze a version whose breaking changes the registry does not declare (the check runs first).
//
//   node tools/release-freeze.mjs [--spec <bundle.json>] [--releases <dir>]
//
// Without --spec the working spec is bundled afresh (the options exist for tests and dry runs).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { bundleWorkingSpec } from "./lib/bundle.mjs";
import { evaluate } from "./lib/policy.mjs";
import { readRegistry } from "./lib/registry.mjs";
import { listReleases, readChecksums, releasesDir, serializeRelease, sha256, writeChecksums } from "./lib/releases.mjs";
import { formatReport } from "./lib/report.mjs";

const { values } = parseArgs({ options: { spec: { type: "string" }, releases: { type: "string" } } });
const dir = values.releases ? resolve(values.releases) : releasesDir;

function main() {
  const working = values.spec ? JSON.parse(readFileSync(resolve(values.spec), "utf8")) : bundleWorkingSpec();
  readRegistry(working); // info.version must be the newest registry entry
  const version = working.info.version;
  const file = `${version}.json`;
  if (existsSync(join(dir, file))) {
    console.log(`releases/${file} already exists; a frozen release is never rewritten. Nothing to do.`);
    return 0;
  }
  const releases = listReleases(dir);
  if (releases.length > 0) {
    const result = evaluate(working, releases);
    if (!result.ok) {
      process.stderr.write(formatReport(result));
      process.stderr.write(`✖ not freezing ${version}: fix the problems above first.\n`);
      return 1;
    }
  }
  const text = serializeRelease(working);
  writeFileSync(join(dir, file), text);
  const sums = readChecksums(dir);
  sums.set(file, sha256(text));
  writeChecksums(sums, dir);
  console.log(
    `✔ froze ${version} as releases/${file} (sha256 ${sha256(text).slice(0, 12)}…); commit it with the spec change.`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`✖ release:freeze failed: ${error.message}\n`);
  process.exitCode = 2;
}
