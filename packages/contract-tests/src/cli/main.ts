// aurous-contract-tests: the server-side scenario suite and the fuzz against any deployment,
// with progress on stdout, a markdown + JUnit report, and exit code 0 only when all conforms.
import { readFileSync } from "node:fs";
import { SpecValidator } from "../conformance/validator.js";
import { prepareFuzzContext } from "../fuzz/setup.js";
import { type FuzzResult, runFuzz } from "../fuzz/run.js";
import { fuzzChecks, mergeFuzzResults } from "../fuzz/summary.js";
import { type ContractReport, isConforming, tally } from "../report/types.js";
import { writeReport } from "../report/write.js";
import { startHarness } from "../server/harness.js";
import { runServerSuite } from "../server/suite.js";
import { defaultSpecPath, loadSpec } from "../spec/bundle.js";
import { buildMatrix } from "../spec/matrix.js";
import { HELP, parseCli, type CliOptions } from "./args.js";
import { unreachable } from "./reachable.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

async function fuzz(o: CliOptions, specDoc: ReturnType<typeof loadSpec>, validator: SpecValidator, say: (l: string) => void): Promise<FuzzResult> {
  const keys = o.fuzzKeys;
  const perKey = Math.ceil(o.runs / keys.length);
  let done = 0;
  let lastShown = 0;
  const results = await Promise.all(
    keys.map(async (key, i) => {
      const ctx = await prepareFuzzContext(o.baseUrl, key, specDoc);
      return runFuzz({
        baseUrl: o.baseUrl,
        doc: specDoc,
        validator,
        ctx,
        runs: perKey,
        seed: o.seed === undefined ? undefined : o.seed + i,
        shard: { index: i, count: keys.length },
        concurrency: 2,
        onRateLimited: async (seconds) => {
          await new Promise((r) => setTimeout(r, Math.min(Math.max(seconds, 1), 120) * 1000));
        },
        onProgress: (_, total) => {
          done++;
          const pct = Math.min(100, Math.floor((done / (total * keys.length)) * 10) * 10);
          if (pct > lastShown) {
            lastShown = pct;
            say(`  fuzz ${pct}% (${done} cases)`);
          }
        },
      });
    }),
  );
  return mergeFuzzResults(results);
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCli(argv);
  if (parsed.kind === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.kind === "version") {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (parsed.kind === "error") {
    process.stderr.write(`aurous-contract-tests: ${parsed.message}\nRun with --help for usage.\n`);
    return 2;
  }
  const o = parsed.options;
  const dead = await unreachable(o.baseUrl);
  if (dead) {
    process.stderr.write(`aurous-contract-tests: ${dead}\n`);
    return 2;
  }
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const progress = o.quiet ? () => {} : say;
  const specPath = o.specPath ?? defaultSpecPath();
  const doc = loadSpec(specPath);
  const matrix = buildMatrix(doc);
  const validator = new SpecValidator(doc);
  say(`Contract: ${doc.info.title} ${doc.info.version} — ${matrix.length} documented entries. Target: ${o.baseUrl}`);

  let fuzzResult: FuzzResult | undefined;
  const runTheFuzz = async () => {
    // Between the scenarios and the rate-limit group, which leaves the main team's buckets empty
    // (and before which the state-timed scenarios must not wait on a bucket the fuzz drained).
    say(`▸ fuzz: ${o.runs} generated requests with ${o.fuzzKeys.length} key(s)`);
    fuzzResult = await fuzz(o, doc, validator, progress);
    say(`  ${fuzzResult.requests} requests, ${fuzzResult.failures.length} wrong answers`);
  };

  say("▸ starting Prism's validating proxies on 127.0.0.1");
  const harness = await startHarness({ specPath, serverUrl: o.baseUrl });
  let server;
  try {
    server = await runServerSuite({
      doc,
      validator,
      harness,
      keys: { full: o.apiKey, secondTeam: o.secondTeamKey, lowCredit: o.lowCreditKey, readOnly: o.readOnlyKey, revoked: o.revokedKey },
      synthesisTimeoutMs: o.synthesisTimeoutMs,
      log: progress,
      ...(o.skipFuzz ? {} : { beforeLimits: runTheFuzz }),
    });
  } finally {
    await harness.stop();
  }

  const report: ContractReport = {
    title: `${doc.info.title} — contract report`,
    generatedAt: new Date().toISOString(),
    target: o.baseUrl,
    sides: ["server"],
    rows: matrix.map((entry) => ({ entry, server: server.results.get(entry.id) })),
    extras: [...server.extras, ...(fuzzResult ? fuzzChecks(fuzzResult, o.runs) : [])],
  };
  const files = writeReport(report, o.reportDir);
  const t = tally(report, "server");
  const ok = isConforming(report);
  say("");
  say(`Matrix: ${t.pass} pass, ${t.fail} fail, ${t["not-exercised"]} not exercised, ${t["not-provokable"]} not provokable (shown by fault injection) of ${matrix.length}`);
  if (fuzzResult) say(`Fuzz: ${fuzzResult.requests} requests, ${fuzzResult.failures.length} wrong answers (seed ${fuzzResult.seed})`);
  const problems = [
    ...report.rows.filter((r) => r.server?.outcome === "fail" || r.server?.outcome === "not-exercised").map((r) => `${r.entry.id}: ${r.server?.outcome} — ${r.server?.detail ?? ""}`),
    ...report.extras.filter((e) => e.outcome === "fail").map((e) => `${e.suite}: ${e.name}${e.detail ? ` — ${e.detail}` : ""}`),
  ];
  for (const p of problems.slice(0, 40)) say(`  ✗ ${p.length > 600 ? `${p.slice(0, 600)}…` : p}`);
  if (problems.length > 40) say(`  … and ${problems.length - 40} more in the report`);
  say(`Report: ${files.markdown}\n        ${files.junit}`);
  say(ok ? "✓ The deployment conforms to the contract." : "✗ The deployment does NOT conform to the contract.");
  return ok ? 0 : 1;
}
