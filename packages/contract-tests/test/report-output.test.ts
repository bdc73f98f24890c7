// The whole rendered report for one report with every outcome on both sides: the markdown a reader
// gets and the JUnit XML a CI dashboard counts, both written to disk by writeReport.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJUnit } from "../src/report/junit.js";
import { renderMarkdown } from "../src/report/markdown.js";
import { type ContractReport, isConforming, tally } from "../src/report/types.js";
import { writeReport } from "../src/report/write.js";
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

const report: ContractReport = {
  title: "Contract",
  generatedAt: "2026-12-03T00:00:00Z",
  target: "http://127.0.0.1:4010",
  sides: ["client", "server"],
  rows: [
    {
      entry: entry("getCharacter 200", 200, null),
      client: { outcome: "pass", detail: "fine" },
      server: { outcome: "fail", detail: "bad | body\nsecond line" },
    },
    {
      entry: entry("getCharacter 404 resource_not_found", 404, "resource_not_found"),
      client: { outcome: "not-exercised" },
    },
    {
      entry: entry("getCharacter 500 internal_error", 500, "internal_error"),
      client: { outcome: "not-provokable", detail: "healthy", evidence: "proxy" },
      server: { outcome: "not-provokable", detail: "healthy" },
    },
    {
      entry: entry("getCharacter 401 invalid_api_key", 401, "invalid_api_key"),
      client: { outcome: "fail" },
      server: { outcome: "pass" },
    },
  ],
  extras: [
    { suite: "fuzz", name: "no 5xx | ever", outcome: "pass", detail: "2000 requests" },
    { suite: "fuzz", name: "shape", outcome: "fail", detail: "3 bad" },
    { suite: "enums", name: "in sync", outcome: "fail" },
    { suite: "enums", name: "quiet", outcome: "pass" },
  ],
};

describe("the rendered report", () => {
  it("counts outcomes per side, a missing result as not exercised", () => {
    expect(tally(report, "client")).toEqual({ pass: 1, fail: 1, "not-exercised": 1, "not-provokable": 1 });
    expect(tally(report, "server")).toEqual({ pass: 1, fail: 1, "not-exercised": 1, "not-provokable": 1 });
    expect(isConforming(report)).toBe(false);
  });

  it("markdown", () => {
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
      "# Contract

      Generated 2026-12-03T00:00:00Z against http://127.0.0.1:4010.

      **Verdict: NOT conforming**

      | side | pass | fail | not exercised | not provokable |
      | --- | ---: | ---: | ---: | ---: |
      | client | 1 | 1 | 1 | 1 |
      | server | 1 | 1 | 1 | 1 |

      ## Matrix (4 documented entries)

      | operation | status | code | client | server |
      | --- | ---: | --- | --- | --- |
      | getCharacter | 200 | (success) | ✅ pass | ❌ fail |
      | getCharacter | 404 | resource_not_found | ⬜ not exercised | ⬜ not exercised |
      | getCharacter | 500 | internal_error | ➖ not provokable | ➖ not provokable |
      | getCharacter | 401 | invalid_api_key | ❌ fail | ✅ pass |

      ## Findings and explanations

      | entry | side | outcome | detail |
      | --- | --- | --- | --- |
      | getCharacter 200 | server | ❌ fail | bad \\| body<br>second line |
      | getCharacter 404 resource_not_found | client | ⬜ not exercised |  |
      | getCharacter 500 internal_error | client | ➖ not provokable | healthy. Shown instead: proxy |
      | getCharacter 500 internal_error | server | ➖ not provokable | healthy |
      | getCharacter 401 invalid_api_key | client | ❌ fail |  |

      ## Other checks

      | suite | check | outcome | detail |
      | --- | --- | --- | --- |
      | fuzz | no 5xx \\| ever | ✅ pass | 2000 requests |
      | fuzz | shape | ❌ fail | 3 bad |
      | enums | in sync | ❌ fail |  |
      | enums | quiet | ✅ pass |  |
      "
    `);
  });

  it("markdown without a target, findings or extras", () => {
    const passing: ContractReport = {
      ...report,
      target: undefined,
      rows: [report.rows[0]!].map((r) => ({ ...r, server: { outcome: "pass" } })),
      extras: [],
    };
    expect(renderMarkdown(passing)).toMatchInlineSnapshot(`
      "# Contract

      Generated 2026-12-03T00:00:00Z.

      **Verdict: conforming**

      | side | pass | fail | not exercised | not provokable |
      | --- | ---: | ---: | ---: | ---: |
      | client | 1 | 0 | 0 | 0 |
      | server | 1 | 0 | 0 | 0 |

      ## Matrix (1 documented entries)

      | operation | status | code | client | server |
      | --- | ---: | --- | --- | --- |
      | getCharacter | 200 | (success) | ✅ pass | ✅ pass |
      "
    `);
  });

  it("JUnit XML", () => {
    expect(renderJUnit(report)).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites tests="12" failures="6" errors="0" skipped="0">
        <testsuite name="contract matrix: client" tests="4" failures="2" errors="0" skipped="0">
          <testcase classname="client.getCharacter" name="getCharacter 200">
            <system-out><![CDATA[fine]]></system-out>
          </testcase>
          <testcase classname="client.getCharacter" name="getCharacter 404 resource_not_found">
            <failure message="no scenario produced this entry" type="not-exercised"/>
          </testcase>
          <testcase classname="client.getCharacter" name="getCharacter 500 internal_error">
            <system-out><![CDATA[not provokable on a conforming server: healthy
      shown instead: proxy]]></system-out>
          </testcase>
          <testcase classname="client.getCharacter" name="getCharacter 401 invalid_api_key">
            <failure message="failed" type="contract"/>
          </testcase>
        </testsuite>
        <testsuite name="contract matrix: server" tests="4" failures="2" errors="0" skipped="0">
          <testcase classname="server.getCharacter" name="getCharacter 200">
            <failure message="bad | body&#xA;second line" type="contract"/>
          </testcase>
          <testcase classname="server.getCharacter" name="getCharacter 404 resource_not_found">
            <failure message="no scenario produced this entry" type="not-exercised"/>
          </testcase>
          <testcase classname="server.getCharacter" name="getCharacter 500 internal_error">
            <system-out><![CDATA[not provokable on a conforming server: healthy
      shown instead: ]]></system-out>
          </testcase>
          <testcase classname="server.getCharacter" name="getCharacter 401 invalid_api_key"/>
        </testsuite>
        <testsuite name="fuzz" tests="2" failures="1" errors="0" skipped="0">
          <testcase classname="fuzz" name="no 5xx | ever">
            <system-out><![CDATA[2000 requests]]></system-out>
          </testcase>
          <testcase classname="fuzz" name="shape">
            <failure message="3 bad" type="contract"/>
          </testcase>
        </testsuite>
        <testsuite name="enums" tests="2" failures="1" errors="0" skipped="0">
          <testcase classname="enums" name="in sync">
            <failure message="failed" type="contract"/>
          </testcase>
          <testcase classname="enums" name="quiet"/>
        </testsuite>
      </testsuites>"
    `);
  });

  it("writes both files into a directory it creates", () => {
    const dir = mkdtempSync(join(tmpdir(), "report-"));
    try {
      const paths = writeReport(report, join(dir, "nested"), "run");
      expect(paths).toEqual({
        markdown: join(dir, "nested", "run-report.md"),
        junit: join(dir, "nested", "run-junit.xml"),
      });
      expect(readFileSync(paths.markdown, "utf8")).toBe(renderMarkdown(report));
      expect(readFileSync(paths.junit, "utf8")).toBe(renderJUnit(report));
      expect(writeReport(report, dir).markdown).toBe(join(dir, "contract-report.md"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
