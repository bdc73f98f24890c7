#!/usr/bin/env node
// `pnpm check:breaking`: compares the working bundle with the newest frozen release (and each frozen
// release with the one before it) and exits 1 on a breaking change that no new date version declares.
// Rules and reasons: tools/README.md.
//
//   node tools/check-breaking.mjs [--spec <bundle.json>] [--releases <dir>]
//
// Without --spec the working spec is bundled afresh; `lint` passes the bundle it has just written.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { bundleWorkingSpec } from "./lib/bundle.mjs";
import { evaluate } from "./lib/policy.mjs";
import { listReleases, releasesDir } from "./lib/releases.mjs";
import { formatReport } from "./lib/report.mjs";

const { values } = parseArgs({ options: { spec: { type: "string" }, releases: { type: "string" } } });

try {
  const working = values.spec ? JSON.parse(readFileSync(resolve(values.spec), "utf8")) : bundleWorkingSpec();
  const result = evaluate(working, listReleases(values.releases ? resolve(values.releases) : releasesDir));
  (result.ok ? process.stdout : process.stderr).write(formatReport(result));
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  process.stderr.write(`✖ check:breaking could not run: ${error.message}\n`);
  process.exitCode = 2;
}
