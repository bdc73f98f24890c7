// The server-side suite: runs every scenario group through the harness, then turns the recorder's
// log into one verdict per matrix entry (pass / fail / not exercised / not provokable) plus the
// findings about responses no entry documents.
import type { SpecValidator } from "../conformance/validator.js";
import type { ExtraCheck, SideResult } from "../report/types.js";
import { buildMatrix, type MatrixEntry } from "../spec/matrix.js";
import { listOperations } from "../spec/operations.js";
import type { OpenApiDocument } from "../spec/types.js";
import type { Harness } from "./harness.js";
import { Recorder } from "./recorder.js";
import { characterScenarios } from "./scenarios/characters.js";
import { faultScenarios, notProvokable } from "./scenarios/faults.js";
import { genericScenarios } from "./scenarios/generic.js";
import { imageScenarios } from "./scenarios/images.js";
import { limitScenarios } from "./scenarios/limits.js";
import { moneyScenarios } from "./scenarios/money.js";
import { uploadScenarios } from "./scenarios/uploads.js";
import type { ServerHooks, ServerKeys } from "./target.js";
import type { World } from "./world.js";

export const SCENARIO_GROUPS = ["uploads", "characters", "images", "generic", "money", "limits", "faults"] as const;
export type ScenarioGroup = (typeof SCENARIO_GROUPS)[number];

export interface ServerSuiteOptions {
  doc: OpenApiDocument;
  validator: SpecValidator;
  harness: Harness;
  keys: ServerKeys;
  hooks?: ServerHooks;
  /** Groups to run, in order (default: all). `uploads` creates what later groups need. */
  groups?: readonly ScenarioGroup[];
  synthesisTimeoutMs?: number;
  log?: (line: string) => void;
  /** Runs just before the `limits` group (which leaves the main team's buckets empty). */
  beforeLimits?: () => Promise<void>;
}

export interface ServerSuiteResult {
  results: Map<string, SideResult>;
  extras: ExtraCheck[];
  calls: number;
  /** Every failure message, for assertions and the CLI's summary. */
  failures: string[];
}

/** Why an entry was not exercised, when the reason is a missing input rather than a gap. */
function missingInput(entry: MatrixEntry, keys: ServerKeys): string | null {
  if (entry.code === "revoked_api_key" && !keys.revoked) return "no revoked key was given (--revoked-key)";
  if (entry.code === "missing_scope" && !keys.readOnly) return "no read-only key was given (--read-only-key)";
  if ((entry.code === "insufficient_credits" || entry.code === "balance_too_low") && !keys.lowCredit)
    return "no low-credit key was given (--low-credit-key)";
  return null;
}

export async function runServerSuite(o: ServerSuiteOptions): Promise<ServerSuiteResult> {
  const log = o.log ?? (() => {});
  const operations = listOperations(o.doc);
  const target = {
    strictUrl: o.harness.strictUrl,
    observeUrl: o.harness.observeUrl,
    directUrl: o.harness.directUrl,
    keys: o.keys,
    hooks: o.hooks,
    apiVersion: o.doc.info.version,
    synthesisTimeoutMs: o.synthesisTimeoutMs,
  };
  const rec = new Recorder(o.doc, o.validator, target, log);
  const w: World = { rec, main: { key: o.keys.full }, second: { key: o.keys.secondTeam }, log };
  const extras: ExtraCheck[] = [];
  const groups = o.groups ?? SCENARIO_GROUPS;
  const unprovokable = notProvokable(operations, Boolean(o.hooks?.advanceClock));
  let evidence = new Map<string, string>();
  const run: Record<ScenarioGroup, () => Promise<void>> = {
    uploads: () => uploadScenarios(w),
    characters: () => characterScenarios(w),
    images: () => imageScenarios(w),
    generic: () => genericScenarios(w),
    money: () => moneyScenarios(w),
    limits: () => limitScenarios(w),
    faults: async () => {
      evidence = await faultScenarios(w, o.harness.proxy, unprovokable);
    },
  };
  const started = Date.now();
  for (const group of groups) {
    if (group === "limits") await o.beforeLimits?.();
    log(`▸ ${group} (${Math.round((Date.now() - started) / 1000)} s)`);
    try {
      await run[group]();
      extras.push({ suite: "server scenarios", name: `scenario group "${group}" ran to the end`, outcome: "pass" });
    } catch (error) {
      const message = `scenario group "${group}" stopped: ${(error as Error).message}`;
      log(`  ✗ ${message}`);
      extras.push({
        suite: "server scenarios",
        name: `scenario group "${group}" ran to the end`,
        outcome: "fail",
        detail: message,
      });
    }
  }

  const results = new Map<string, SideResult>();
  const failures: string[] = [];
  const reasons = new Map(unprovokable.map((u) => [u.entry, u.reason]));
  for (const entry of buildMatrix(o.doc)) {
    const logged = rec.entries.get(entry.id);
    const reason = reasons.get(entry.id);
    if (logged && logged.failures.length > 0) {
      results.set(entry.id, { outcome: "fail", detail: logged.failures.join(" | ") });
      failures.push(...logged.failures.map((f) => `${entry.id}: ${f}`));
    } else if (reason) {
      const shown = evidence.get(entry.id);
      results.set(
        entry.id,
        shown
          ? { outcome: "not-provokable", detail: reason, evidence: shown }
          : { outcome: "not-exercised", detail: `${reason}; and no fault injection showed it (faults group not run)` },
      );
    } else if (logged && logged.passes.length > 0) {
      results.set(entry.id, { outcome: "pass", detail: logged.passes.join("; ") });
    } else {
      results.set(entry.id, {
        outcome: "not-exercised",
        detail: missingInput(entry, o.keys) ?? "no scenario produced it",
      });
    }
  }
  const findings = [...new Set(rec.findings)];
  extras.push({
    suite: "server responses",
    name: "no undocumented status, code, header or shape in any response (set-up and polling included)",
    outcome: findings.length === 0 ? "pass" : "fail",
    detail: findings.length === 0 ? `${rec.calls} responses checked` : findings.join("\n"),
  });
  failures.push(
    ...findings,
    ...extras.filter((e) => e.outcome === "fail" && e.suite === "server scenarios").map((e) => e.detail ?? e.name),
  );
  return { results, extras, calls: rec.calls, failures };
}
