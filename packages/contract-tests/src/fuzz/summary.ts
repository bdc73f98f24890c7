// Turns fuzz results into report checks, and merges the results of runs with several keys.
import type { ExtraCheck } from "../report/types.js";
import type { FuzzResult } from "./run.js";

export function mergeFuzzResults(results: FuzzResult[]): FuzzResult {
  const merged: FuzzResult = {
    seed: results[0]?.seed ?? 0,
    requests: 0,
    counts: {},
    rules: {},
    retriesAfter429: 0,
    failures: [],
    unsent: 0,
  };
  for (const r of results) {
    merged.requests += r.requests;
    merged.retriesAfter429 += r.retriesAfter429;
    merged.unsent += r.unsent;
    merged.failures.push(...r.failures);
    for (const [op, c] of Object.entries(r.counts)) {
      const m = (merged.counts[op] ??= { valid: 0, invalid: 0 });
      m.valid += c.valid;
      m.invalid += c.invalid;
    }
    for (const [rule, n] of Object.entries(r.rules)) merged.rules[rule] = (merged.rules[rule] ?? 0) + n;
  }
  return merged;
}

export function fuzzChecks(r: FuzzResult, minimumRequests: number): ExtraCheck[] {
  const valid = Object.values(r.counts).reduce((n, c) => n + c.valid, 0);
  const invalid = Object.values(r.counts).reduce((n, c) => n + c.invalid, 0);
  const checks: ExtraCheck[] = [
    {
      suite: "fuzz",
      name: `at least ${minimumRequests} generated requests sent`,
      outcome: r.requests >= minimumRequests ? "pass" : "fail",
      detail: `${r.requests} requests (${valid} valid and ${invalid} invalid cases, ${r.retriesAfter429} retries after a 429${r.unsent ? `; ${r.unsent} planned cases not sent: the --budget ran out` : ""}), seed ${r.seed}; per operation: ${Object.entries(
        r.counts,
      )
        .map(([op, c]) => `${op} ${c.valid}/${c.invalid}`)
        .join(", ")}`,
    },
    {
      suite: "fuzz",
      name: "every response documented, never a 5xx, and exactly the status, code and param the spec allows",
      outcome: r.failures.length === 0 ? "pass" : "fail",
      detail:
        r.failures.length === 0
          ? `fault kinds: ${Object.entries(r.rules)
              .map(([k, n]) => `${k} ×${n}`)
              .join(", ")}`
          : `${r.failures.length} requests got a wrong answer (first ones listed below)`,
    },
  ];
  for (const f of r.failures.slice(0, 50)) {
    checks.push({
      suite: "fuzz",
      name: `${f.case.operationId} ${f.case.kind}: ${f.case.rule}`,
      outcome: "fail",
      detail: `${f.case.request.method} ${f.case.request.path} ${String(f.case.request.body ?? "").slice(0, 300)}\n${f.problems.join("\n")}`,
    });
  }
  return checks;
}
