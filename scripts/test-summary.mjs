#!/usr/bin/env node
// Adds up the JSON reports every package's vitest run writes to reports/vitest.json and prints one
// closing line, "tests: N passed, N failed", so the whole suite has a single verdict to read.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packagesRoot = join(root, "packages");
const packageDirs = [
  "openapi",
  ...(existsSync(packagesRoot) ? readdirSync(packagesRoot).map((d) => join("packages", d)) : []),
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of packageDirs) {
  const report = join(root, dir, "reports", "vitest.json");
  if (!existsSync(report)) continue;
  const json = JSON.parse(readFileSync(report, "utf8"));
  // A test file whose set-up threw has no failed test, only skipped ones: count the file itself.
  const brokenFiles = (json.testResults ?? []).filter(
    (file) => file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed"),
  ).length;
  const packageFailed = (json.numFailedTests ?? 0) + brokenFiles;
  passed += json.numPassedTests ?? 0;
  failed += packageFailed;
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  console.log(
    `  ${dir.padEnd(28)} ${json.numPassedTests} passed, ${packageFailed} failed${brokenFiles ? ` (${brokenFiles} file(s) failed to set up)` : ""}`,
  );
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
