// The report writers: the verdict follows the rules (not exercised fails; not provokable needs
// evidence), the markdown shows the matrix and explanations, the JUnit XML counts failures.
import { describe, expect, it } from "vitest";
import { renderJUnit } from "../src/report/junit.js";
import { renderMarkdown } from "../src/report/markdown.js";
import { type ContractReport, isConforming } from "../src/report/types.js";
import type { MatrixEntry } from "../src/spec/matrix.js";

const entry = (id: string, status: number, code: string | null): MatrixEntry => ({
  id,
  operationId: id.split(" ")[0] as string,
  method: "GET",
  path: "/v1/characters/{id}",
  status,
  code,
  example: code,
});

const base: ContractReport = {
  title: "t",
  generatedAt: "2026-05-15T00:00:00Z",
  sides: ["client", "server"],
  rows: [
    { entry: entry("getCharacter 200", 200, null), client: { outcome: "pass" }, server: { outcome: "pass" } },
    {
      entry: entry("getCharacter 500 internal_error", 500, "internal_error"),
      client: { outcome: "pass" },
      server: {
        outcome: "not-provokable",
        detail: "healthy servers do not fail",
        evidence: "injected by the fault proxy",
      },
    },
  ],
  extras: [{ suite: "fuzz", name: "no 5xx", outcome: "pass", detail: "2000 requests" }],
};

describe("report", () => {
  it("is conforming when every entry passed or is shown not provokable, and every extra check passed", () => {
    expect(isConforming(base)).toBe(true);
    const md = renderMarkdown(base);
    expect(md).toContain("**Verdict: conforming**");
    expect(md).toContain("| getCharacter | 500 | internal_error | ✅ pass | ➖ not provokable |");
    expect(md).toContain(
      "| getCharacter 500 internal_error | server | ➖ not provokable | healthy servers do not fail. Shown instead: injected by the fault proxy |",
    );
    expect(md).toContain("| fuzz | no 5xx | ✅ pass | 2000 requests |");
  });

  it("is not conforming when an entry was not exercised or failed, or an extra check failed", () => {
    const notExercised = {
      ...base,
      rows: [
        ...base.rows,
        {
          entry: entry("getCharacter 404 resource_not_found", 404, "resource_not_found"),
          client: { outcome: "pass" as const },
        },
      ],
    };
    expect(isConforming(notExercised)).toBe(false);
    expect(renderMarkdown(notExercised)).toContain(
      "| getCharacter | 404 | resource_not_found | ✅ pass | ⬜ not exercised |",
    );
    expect(isConforming({ ...base, extras: [{ suite: "fuzz", name: "no 5xx", outcome: "fail" }] })).toBe(false);
    const xml = renderJUnit(notExercised);
    expect(xml).toContain('<testsuite name="contract matrix: server" tests="3" failures="1"');
    expect(xml).toContain('type="not-exercised"');
  });
});
