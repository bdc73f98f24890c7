// JUnit XML for CI dashboards: one suite per side (each matrix entry a test case) and one per
// group of extra checks. Not-exercised entries are failures, as they fail the run.
import junitImport, { type Builder } from "junit-report-builder";
import type { ContractReport } from "./types.js";

// CommonJS package: the builder is module.exports itself, which TypeScript sees as `.default`.
const junit = ((junitImport as unknown as { default?: Builder }).default ?? junitImport) as unknown as Builder;

export function renderJUnit(report: ContractReport): string {
  const builder = junit.newBuilder();
  for (const side of report.sides) {
    const suite = builder.testSuite().name(`contract matrix: ${side}`);
    for (const row of report.rows) {
      const result = row[side];
      const test = suite.testCase().className(`${side}.${row.entry.operationId}`).name(row.entry.id);
      const outcome = result?.outcome ?? "not-exercised";
      if (outcome === "fail") test.failure(result?.detail ?? "failed", "contract");
      else if (outcome === "not-exercised")
        test.failure(result?.detail ?? "no scenario produced this entry", "not-exercised");
      else if (outcome === "not-provokable")
        test.standardOutput(
          `not provokable on a conforming server: ${result?.detail ?? ""}\nshown instead: ${result?.evidence ?? ""}`,
        );
      else if (result?.detail) test.standardOutput(result.detail);
    }
  }
  const groups = new Map<string, ContractReport["extras"]>();
  for (const e of report.extras) groups.set(e.suite, [...(groups.get(e.suite) ?? []), e]);
  for (const [name, checks] of groups) {
    const suite = builder.testSuite().name(name);
    for (const c of checks) {
      const test = suite.testCase().className(name).name(c.name);
      if (c.outcome === "fail") test.failure(c.detail ?? "failed", "contract");
      else if (c.detail) test.standardOutput(c.detail);
    }
  }
  return builder.build();
}
