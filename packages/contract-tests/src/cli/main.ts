// aurous-contract-tests: the server-side scenario suite and the fuzz against any deployment,
// with progress on stdout, a markdown + JUnit report, and exit code 0 only when all conforms.
import { readFileSync } from "node:fs";
import { SpecValidator } from "../conformance/validator.js";
import { bucketLoad, formatDuration, planRuns } from "../fuzz/budget.js";
import { type FuzzResult, fuzzCases, runFuzz } from "../fuzz/run.js";
import { prepareFuzzContext } from "../fuzz/setup.js";
import { fuzzChecks, mergeFuzzResults } from "../fuzz/summary.js";
import { sleep } from "../http/wait.js";
import { type ContractReport, isConforming, tally } from "../report/types.js";
import { writeReport } from "../report/write.js";
import { startHarness } from "../server/harness.js";
import { runServerSuite } from "../server/suite.js";
import { defaultSpecPath, loadSpec } from "../spec/bundle.js";
import { buildMatrix } from "../spec/matrix.js";
import { type CliOptions, HELP, parseCli } from "./args.js";
import { unreachable } from "./reachable.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Time kept back from the fuzz for what runs after it: the rate-limit and fault groups. */
const AFTER_FUZZ_RESERVE_MS = 2 * 60_000;
/** The most a --budget run plans when --runs is not given. */
const BUDGET_MAX_RUNS = 10_000;

async function fuzz(
  o: CliOptions,
  specDoc: ReturnType<typeof loadSpec>,
  validator: SpecValidator,
  say: (l: string) => void,
  progress: (l: string) => void,
  deadline: number | undefined,
): Promise<{ result: FuzzResult; planned: number }> {
  const keys = o.fuzzKeys;
  const contexts = await Promise.all(keys.map((key) => prepareFuzzContext(o.baseUrl, key, specDoc)));
  const seed = o.seed ?? Math.floor(Math.random() * 2 ** 31);
  const casesFor = (runs: number) =>
    contexts.flatMap(
      (ctx, i) =>
        fuzzCases({
          doc: specDoc,
          ctx,
          runs: Math.ceil(runs / keys.length),
          seed: seed + i,
          shard: { index: i, count: keys.length },
        }).cases,
    );
  let runs = o.runs;
  if (deadline !== undefined) {
    const operations = contexts[0]!.operations;
    const minimum = casesFor(0).length;
    const minutes = ((deadline - Date.now()) * 0.9) / 60_000;
    // A fuzz key the scenarios also used (the default: --api-key) starts with its buckets drained.
    const burstsSpent = keys.some((k) => k === o.apiKey || k === o.secondTeamKey);
    const plan = planRuns(operations, casesFor, {
      minutes,
      teams: keys.length,
      minimum,
      maximum: Math.max(minimum, o.runsGiven ? o.runs : BUDGET_MAX_RUNS),
      burstsSpent,
    });
    runs = plan.runs;
    const buckets = [...bucketLoad(operations, casesFor(runs)).values()]
      .map(
        ({ bucket, requests }) =>
          `${bucket.name} ${Math.ceil(requests / keys.length)}/team (${bucket.sustainedPerMinute}/min, burst ${bucket.burst})`,
      )
      .join(", ");
    say(
      `  budget: ${formatDuration(deadline - Date.now())} left for the fuzz → ${runs} requests with ${keys.length} team(s), about ${formatDuration(plan.predictedMinutes * 60_000)} at the spec's rate limits: ${buckets}`,
    );
    if (plan.overBudget)
      say(
        `  ! even one request per schema site (${minimum}) needs about ${formatDuration(plan.predictedMinutes * 60_000)}: add --fuzz-key teams or a larger --budget`,
      );
  }
  say(`▸ fuzz: ${runs} generated requests with ${keys.length} key(s)`);
  let done = 0;
  let lastShown = 0;
  const results = await Promise.all(
    keys.map((_, i) =>
      runFuzz({
        baseUrl: o.baseUrl,
        doc: specDoc,
        validator,
        ctx: contexts[i]!,
        runs: Math.ceil(runs / keys.length),
        seed: seed + i,
        shard: { index: i, count: keys.length },
        concurrency: 2,
        deadline,
        onRateLimited: async (seconds) => {
          // Never wait past the budget: the case after it is not sent anyway.
          const left = deadline === undefined ? Infinity : Math.max(0, deadline - Date.now());
          await sleep(Math.min(Math.max(seconds, 1) * 1000, 120_000, left));
        },
        onProgress: (_, total) => {
          done++;
          const pct = Math.min(100, Math.floor((done / (total * keys.length)) * 10) * 10);
          if (pct > lastShown) {
            lastShown = pct;
            progress(`  fuzz ${pct}% (${done} cases)`);
          }
        },
      }),
    ),
  );
  return { result: mergeFuzzResults(results), planned: runs };
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
  const started = Date.now();
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
  let fuzzPlanned = o.runs;
  const runTheFuzz = async () => {
    // Between the scenarios and the rate-limit group, which leaves the main team's buckets empty
    // (and before which the state-timed scenarios must not wait on a bucket the fuzz drained).
    const deadline = o.budgetMs === undefined ? undefined : started + o.budgetMs - AFTER_FUZZ_RESERVE_MS;
    ({ result: fuzzResult, planned: fuzzPlanned } = await fuzz(o, doc, validator, say, progress, deadline));
    say(
      `  ${fuzzResult.requests} requests, ${fuzzResult.failures.length} wrong answers${fuzzResult.unsent ? `, ${fuzzResult.unsent} planned cases not sent (budget)` : ""}`,
    );
  };

  say("▸ starting Prism's validating proxies on 127.0.0.1");
  const harness = await startHarness({ specPath, serverUrl: o.baseUrl });
  let server: Awaited<ReturnType<typeof runServerSuite>>;
  try {
    server = await runServerSuite({
      doc,
      validator,
      harness,
      keys: {
        full: o.apiKey,
        secondTeam: o.secondTeamKey,
        lowCredit: o.lowCreditKey,
        readOnly: o.readOnlyKey,
        revoked: o.revokedKey,
      },
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
    extras: [...server.extras, ...(fuzzResult ? fuzzChecks(fuzzResult, fuzzPlanned - fuzzResult.unsent) : [])],
  };
  const files = writeReport(report, o.reportDir);
  const t = tally(report, "server");
  const ok = isConforming(report);
  say("");
  say(
    `Matrix: ${t.pass} pass, ${t.fail} fail, ${t["not-exercised"]} not exercised, ${t["not-provokable"]} not provokable (shown by fault injection) of ${matrix.length}`,
  );
  if (fuzzResult)
    say(
      `Fuzz: ${fuzzResult.requests} requests, ${fuzzResult.failures.length} wrong answers, ${fuzzResult.retriesAfter429} retries after a 429 (seed ${fuzzResult.seed})`,
    );
  say(
    `Time: ${formatDuration(Date.now() - started)}${o.budgetMs === undefined ? "" : ` of a ${formatDuration(o.budgetMs)} budget`}`,
  );
  const problems = [
    ...report.rows
      .filter((r) => r.server?.outcome === "fail" || r.server?.outcome === "not-exercised")
      .map((r) => `${r.entry.id}: ${r.server?.outcome} — ${r.server?.detail ?? ""}`),
    ...report.extras
      .filter((e) => e.outcome === "fail")
      .map((e) => `${e.suite}: ${e.name}${e.detail ? ` — ${e.detail}` : ""}`),
  ];
  for (const p of problems.slice(0, 40)) say(`  ✗ ${p.length > 600 ? `${p.slice(0, 600)}…` : p}`);
  if (problems.length > 40) say(`  … and ${problems.length - 40} more in the report`);
  say(`Report: ${files.markdown}\n        ${files.junit}`);
  say(ok ? "✓ The deployment conforms to the contract." : "✗ The deployment does NOT conform to the contract.");
  return ok ? 0 : 1;
}
