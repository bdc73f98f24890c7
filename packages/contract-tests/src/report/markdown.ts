// The human-readable report: a summary, then the matrix (entry × client/server), then every
// finding that is not a pass, then the checks outside the matrix.
import { type ContractReport, isConforming, type Outcome, type SideResult, tally } from "./types.js";

const SYMBOL: Record<Outcome, string> = {
  pass: "✅ pass",
  fail: "❌ fail",
  "not-exercised": "⬜ not exercised",
  "not-provokable": "➖ not provokable",
};

function cell(result: SideResult | undefined): string {
  return SYMBOL[result?.outcome ?? "not-exercised"];
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

export function renderMarkdown(report: ContractReport): string {
  const out: string[] = [];
  out.push(`# ${report.title}`, "");
  out.push(`Generated ${report.generatedAt}${report.target ? ` against ${report.target}` : ""}.`, "");
  out.push(`**Verdict: ${isConforming(report) ? "conforming" : "NOT conforming"}**`, "");
  out.push("| side | pass | fail | not exercised | not provokable |", "| --- | ---: | ---: | ---: | ---: |");
  for (const side of report.sides) {
    const t = tally(report, side);
    out.push(`| ${side} | ${t.pass} | ${t.fail} | ${t["not-exercised"]} | ${t["not-provokable"]} |`);
  }
  out.push("", `## Matrix (${report.rows.length} documented entries)`, "");
  out.push(`| operation | status | code | ${report.sides.join(" | ")} |`);
  out.push(`| --- | ---: | --- | ${report.sides.map(() => "---").join(" | ")} |`);
  for (const row of report.rows) {
    const { entry } = row;
    out.push(
      `| ${entry.operationId} | ${entry.status} | ${entry.code ?? "(success)"} | ${report.sides.map((s) => cell(row[s])).join(" | ")} |`,
    );
  }
  const notes = report.rows.flatMap((row) =>
    report.sides
      .filter((s) => row[s] && row[s]?.outcome !== "pass")
      .map((s) => {
        const r = row[s] as SideResult;
        const evidence = r.evidence ? `. Shown instead: ${r.evidence}` : "";
        return `| ${row.entry.id} | ${s} | ${SYMBOL[r.outcome]} | ${escapeCell(`${r.detail ?? ""}${evidence}`)} |`;
      }),
  );
  if (notes.length > 0) {
    out.push(
      "",
      "## Findings and explanations",
      "",
      "| entry | side | outcome | detail |",
      "| --- | --- | --- | --- |",
      ...notes,
    );
  }
  if (report.extras.length > 0) {
    out.push("", "## Other checks", "", "| suite | check | outcome | detail |", "| --- | --- | --- | --- |");
    for (const e of report.extras) {
      out.push(
        `| ${e.suite} | ${escapeCell(e.name)} | ${e.outcome === "pass" ? "✅ pass" : "❌ fail"} | ${escapeCell(e.detail ?? "")} |`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}
