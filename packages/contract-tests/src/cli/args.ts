// Command-line arguments of aurous-contract-tests, parsed with node:util and checked, so every
// mistake is one clear line (and exit code 2), never a stack trace.
import { parseArgs } from "node:util";
import { parseDuration } from "../fuzz/budget.js";

export const HELP = `aurous-contract-tests — check that a deployment of the Aurous Labs V1 Characters API
conforms to its OpenAPI contract: every documented error and enum, nothing undocumented.

Usage:
  aurous-contract-tests --base-url URL --api-key KEY --second-team-key KEY [options]

Runs, through Prism's validating proxy (started on 127.0.0.1), a scenario for every documented
(operation, status, error code) and success, then a property-based fuzz of valid and invalid
requests. Exit code 0 only when everything conforms; 1 when something does not; 2 on bad usage
or when nothing answers at --base-url (checked first, in one request).

Required:
  --base-url URL            The deployment, e.g. http://127.0.0.1:4010
  --api-key KEY             A full-scope key of the main test team (needs credits for syntheses
                            and a few image generations)
  --second-team-key KEY     A key of another team (cross-team 404s, idempotency conflicts;
                            needs about 10 credits)

Optional keys (entries that need one are reported "not exercised" without it, failing the run):
  --low-credit-key KEY      A key of a team with fewer than 4 credits (402s: an 8-credit image
                            first, then its credits are spent by regenerations until it refuses)
  --read-only-key KEY       A read-scope key of the main team (403 on writes)
  --revoked-key KEY         A revoked key (401 revoked_api_key)
  --fuzz-key KEY            A key to fuzz with (repeatable: each team has its own rate limits,
                            so several teams make the fuzz faster). Default: --api-key

Options:
  --report DIR              Where to write contract-report.md and contract-junit.xml (default reports/)
  --runs N                  Fuzz requests (default 2000; with --budget, the most it may plan)
  --budget DURATION         Fit the whole run in DURATION (e.g. 10m, 1h): the fuzz gets what the
                            scenarios leave, minus a reserve for the rate-limit and fault groups,
                            and its size is planned from the spec's x-aurous-rate-limit (burst and
                            sustained rate per team, times the fuzz keys); no case starts after it
  --seed N                  Fuzz seed, to replay a run
  --skip-fuzz               Only the scenario suite
  --spec PATH               Another bundled OpenAPI document (default: the one shipped with this package)
  --synthesis-timeout S     Seconds to wait for a synthesis to finish (default 180)
  --quiet                   Only the summary
  -h, --help                This text
  -v, --version             The package version

The rate-limit scenarios empty the main team's buckets at the end of the run, and the fuzz is
paced by the deployment's rate limits (a 429 is waited out): expect minutes against a real server.
In CI, give --budget and several --fuzz-key teams (each has its own buckets).
`;

export interface CliOptions {
  baseUrl: string;
  apiKey: string;
  secondTeamKey: string;
  lowCreditKey?: string;
  readOnlyKey?: string;
  revokedKey?: string;
  fuzzKeys: string[];
  reportDir: string;
  runs: number;
  /** Whether --runs was given (with --budget it caps the plan instead of fixing the size). */
  runsGiven: boolean;
  budgetMs?: number;
  seed?: number;
  skipFuzz: boolean;
  specPath?: string;
  synthesisTimeoutMs: number;
  quiet: boolean;
}

export type Parsed =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "run"; options: CliOptions }
  | { kind: "error"; message: string };

function positiveInt(value: string | undefined, name: string, fallback: number): number | string {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) return `${name} must be a positive whole number, not "${value}"`;
  return Number(value);
}

export function parseCli(argv: string[]): Parsed {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "base-url": { type: "string" },
        "api-key": { type: "string" },
        "second-team-key": { type: "string" },
        "low-credit-key": { type: "string" },
        "read-only-key": { type: "string" },
        "revoked-key": { type: "string" },
        "fuzz-key": { type: "string", multiple: true },
        report: { type: "string" },
        runs: { type: "string" },
        budget: { type: "string" },
        seed: { type: "string" },
        "skip-fuzz": { type: "boolean" },
        spec: { type: "string" },
        "synthesis-timeout": { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    }));
  } catch (error) {
    return { kind: "error", message: (error as Error).message };
  }
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  for (const required of ["base-url", "api-key", "second-team-key"]) {
    if (!values[required]) return { kind: "error", message: `--${required} is required` };
  }
  const baseUrl = String(values["base-url"]);
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
  } catch {
    return { kind: "error", message: `--base-url must be an http(s) URL, not "${baseUrl}"` };
  }
  const runs = positiveInt(values.runs as string | undefined, "--runs", 2000);
  if (typeof runs === "string") return { kind: "error", message: runs };
  const timeout = positiveInt(values["synthesis-timeout"] as string | undefined, "--synthesis-timeout", 180);
  if (typeof timeout === "string") return { kind: "error", message: timeout };
  const budgetText = values.budget as string | undefined;
  const budgetMs = budgetText === undefined ? undefined : parseDuration(budgetText);
  if (budgetMs === null)
    return { kind: "error", message: `--budget must be a duration such as 10m, 90s or 1h30m, not "${budgetText}"` };
  const seedText = values.seed as string | undefined;
  if (seedText !== undefined && !/^-?\d+$/.test(seedText))
    return { kind: "error", message: `--seed must be a whole number, not "${seedText}"` };
  const str = (name: string) => (values[name] as string | undefined) || undefined;
  const apiKey = String(values["api-key"]);
  return {
    kind: "run",
    options: {
      baseUrl: baseUrl.replace(/\/+$/, ""),
      apiKey,
      secondTeamKey: String(values["second-team-key"]),
      lowCreditKey: str("low-credit-key"),
      readOnlyKey: str("read-only-key"),
      revokedKey: str("revoked-key"),
      fuzzKeys: (values["fuzz-key"] as string[] | undefined) ?? [apiKey],
      reportDir: str("report") ?? "reports",
      runs,
      runsGiven: values.runs !== undefined,
      budgetMs,
      seed: seedText === undefined ? undefined : Number(seedText),
      skipFuzz: values["skip-fuzz"] === true,
      specPath: str("spec"),
      synthesisTimeoutMs: timeout * 1000,
      quiet: values.quiet === true,
    },
  };
}
