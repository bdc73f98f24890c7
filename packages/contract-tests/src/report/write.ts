// Writes report.md and junit.xml into the report directory (created if missing).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderJUnit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import type { ContractReport } from "./types.js";

export function writeReport(
  report: ContractReport,
  dir: string,
  baseName = "contract",
): { markdown: string; junit: string } {
  const target = resolve(dir);
  mkdirSync(target, { recursive: true });
  const markdown = join(target, `${baseName}-report.md`);
  const junit = join(target, `${baseName}-junit.xml`);
  writeFileSync(markdown, renderMarkdown(report));
  writeFileSync(junit, renderJUnit(report));
  return { markdown, junit };
}
