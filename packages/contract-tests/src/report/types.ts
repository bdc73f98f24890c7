// The result model shared by both suites, the fuzz, the CLI and the report writers.
import type { MatrixEntry } from "../spec/matrix.js";

/**
 * - `pass`: exercised, and the response was exactly the documented entry with nothing flagged.
 * - `fail`: exercised, and something was wrong (see detail).
 * - `not-exercised`: no scenario produced it; always fails the run.
 * - `not-provokable`: a conforming server cannot be made to produce it on demand (detail says
 *   why); `evidence` says how it was shown instead (e.g. injected by the fault proxy).
 */
export type Outcome = "pass" | "fail" | "not-exercised" | "not-provokable";

export type Side = "client" | "server";

export interface SideResult {
  outcome: Outcome;
  detail?: string;
  evidence?: string;
}

export interface ReportRow {
  entry: MatrixEntry;
  client?: SideResult;
  server?: SideResult;
}

/** A check outside the matrix: undocumented responses seen, enum sync, fuzz properties, … */
export interface ExtraCheck {
  suite: string;
  name: string;
  outcome: "pass" | "fail";
  detail?: string;
}

export interface ContractReport {
  title: string;
  generatedAt: string;
  target?: string;
  sides: Side[];
  rows: ReportRow[];
  extras: ExtraCheck[];
}

export function isConforming(report: ContractReport): boolean {
  for (const row of report.rows) {
    for (const side of report.sides) {
      const result = row[side];
      if (!result || result.outcome === "fail" || result.outcome === "not-exercised") return false;
    }
  }
  return report.extras.every((e) => e.outcome === "pass");
}

export function tally(report: ContractReport, side: Side): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, "not-exercised": 0, "not-provokable": 0 };
  for (const row of report.rows) counts[row[side]?.outcome ?? "not-exercised"]++;
  return counts;
}
