// Plans the fuzz to fit a time budget (`--budget 10m`). Against a real deployment the fuzz is paced
// by the rate limits, not by the server: each team's bucket serves its burst at once, then
// `sustained_per_minute`. The spec states both per operation (x-aurous-rate-limit), so the number of
// requests that fits in N minutes with K teams can be computed before sending any, instead of
// learning it from a wall of 429s.
import type { OperationModel, RateLimitRule } from "../spec/operations.js";
import type { FuzzCase } from "./context.js";

export interface Bucket {
  name: string;
  sustainedPerMinute: number;
  burst: number;
}

/** "10m", "90s", "1h", "1h30m" → milliseconds; null when unreadable or zero. */
export function parseDuration(text: string): number | null {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!match || text.trim() === "") return null;
  const [, h = "0", m = "0", s = "0"] = match;
  const ms = ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
  return ms > 0 ? ms : null;
}

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m}m${s > 0 ? `${String(s).padStart(2, "0")}s` : ""}` : `${s}s`;
}

/** The bucket a request draws from: the operation's, or a variant's when the body selects it. */
export function bucketOf(op: OperationModel, c: FuzzCase): Bucket | null {
  const limit: RateLimitRule | null = op.rateLimit;
  if (!limit) return null;
  let body: Record<string, unknown> | undefined;
  try {
    body = typeof c.request.body === "string" ? (JSON.parse(c.request.body) as Record<string, unknown>) : undefined;
  } catch {
    body = undefined;
  }
  const variant = limit.variants?.find(
    (v) => body && typeof body === "object" && body[v.when.body_field] === v.when.equals,
  );
  const rule = variant ?? limit;
  return { name: rule.bucket, sustainedPerMinute: rule.sustained_per_minute, burst: rule.burst };
}

/** Requests per bucket, counted conservatively: every request to a limited operation draws. */
export function bucketLoad(
  operations: OperationModel[],
  cases: FuzzCase[],
): Map<string, { bucket: Bucket; requests: number }> {
  const load = new Map<string, { bucket: Bucket; requests: number }>();
  for (const c of cases) {
    const op = operations.find((o) => o.operationId === c.operationId);
    const bucket = op ? bucketOf(op, c) : null;
    if (!bucket) continue;
    const entry = load.get(bucket.name) ?? { bucket, requests: 0 };
    entry.requests++;
    load.set(bucket.name, entry);
  }
  return load;
}

/**
 * Minutes the rate limits need for `requests` spread over `teams` teams: a full bucket serves its
 * burst at once; one the scenarios just drained (a fuzz key that is also a scenario key) does not.
 */
export function bucketMinutes(bucket: Bucket, requests: number, teams: number, burstsSpent = false): number {
  return Math.max(0, requests / teams - (burstsSpent ? 0 : bucket.burst)) / bucket.sustainedPerMinute;
}

/** Predicted minutes for a set of cases: buckets drain in parallel, so the slowest decides. */
export function predictMinutes(
  operations: OperationModel[],
  cases: FuzzCase[],
  teams: number,
  burstsSpent = false,
): number {
  let worst = 0;
  for (const { bucket, requests } of bucketLoad(operations, cases).values())
    worst = Math.max(worst, bucketMinutes(bucket, requests, teams, burstsSpent));
  return worst;
}

export interface FuzzPlan {
  runs: number;
  predictedMinutes: number;
  /** True when even the systematic cases (one per schema site) do not fit: they run anyway. */
  overBudget: boolean;
}

/**
 * The most runs whose predicted time fits `minutes`. `casesFor(runs)` must return the cases a run
 * of that size sends (all teams together); the prediction grows with runs, so a binary search finds
 * the largest that fits between `minimum` (the systematic cases) and `maximum`.
 */
export function planRuns(
  operations: OperationModel[],
  casesFor: (runs: number) => FuzzCase[],
  o: { minutes: number; teams: number; minimum: number; maximum: number; burstsSpent?: boolean },
): FuzzPlan {
  const predict = (runs: number) => predictMinutes(operations, casesFor(runs), o.teams, o.burstsSpent);
  const floor = predict(o.minimum);
  if (floor > o.minutes) return { runs: o.minimum, predictedMinutes: floor, overBudget: true };
  let low = o.minimum;
  let high = o.maximum;
  if (predict(high) <= o.minutes) return { runs: high, predictedMinutes: predict(high), overBudget: false };
  while (high - low > Math.max(1, Math.floor(low / 50))) {
    const mid = Math.floor((low + high) / 2);
    if (predict(mid) <= o.minutes) low = mid;
    else high = mid;
  }
  return { runs: low, predictedMinutes: predict(low), overBudget: false };
}
