#!/usr/bin/env node
// Mutation score per folder from a Stryker JSON report, and the mutants left alive:
//   node scripts/mutation/summary.mjs packages/client/reports/mutation/mutation.json [more.json …] [--survivors]
// Several reports (one package's files run in parts, e.g. `--mutate` groups) are read as one: a file
// in more than one report counts once, from the last report that has it.
// Score as Stryker counts it: (killed + timed out) / (killed + timed out + survived + no coverage).
import { readFileSync } from "node:fs";
import { dirname } from "node:path";

const args = process.argv.slice(2);
const flag = args.find((a) => a.startsWith("--"));
const reports = args.filter((a) => !a.startsWith("--"));
const report = { files: {} };
for (const file of reports.length ? reports : ["reports/mutation/mutation.json"])
  Object.assign(report.files, JSON.parse(readFileSync(file, "utf8")).files);
const folders = new Map();
const alive = [];
for (const [path, { mutants }] of Object.entries(report.files)) {
  const folder = dirname(path);
  const counts = folders.get(folder) ?? { detected: 0, valid: 0 };
  for (const m of mutants) {
    if (m.status === "Killed" || m.status === "Timeout") counts.detected++;
    else if (m.status === "Survived" || m.status === "NoCoverage") alive.push({ path, m });
    else continue; // Ignored, CompileError, RuntimeError
    counts.valid++;
  }
  folders.set(folder, counts);
}
const pct = ({ detected, valid }) => (valid ? ((100 * detected) / valid).toFixed(1) : "-");
let total = { detected: 0, valid: 0 };
for (const [folder, counts] of [...folders].sort()) {
  total = { detected: total.detected + counts.detected, valid: total.valid + counts.valid };
  console.log(`${folder.padEnd(28)} ${pct(counts).padStart(6)} %  (${counts.detected}/${counts.valid})`);
}
console.log(`${"all".padEnd(28)} ${pct(total).padStart(6)} %  (${total.detected}/${total.valid})`);
if (flag === "--survivors") {
  for (const { path, m } of alive) {
    console.log(
      `${m.status === "NoCoverage" ? "NOCOV" : "ALIVE"} ${path}:${m.location.start.line} ${m.mutatorName}: ${m.replacement ?? ""}`.slice(
        0,
        200,
      ),
    );
  }
}
