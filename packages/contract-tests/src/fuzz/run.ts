// Runs generated requests against a server and judges each: never a 5xx; every response
// documented (status, code, shape, headers); and exactly the status, code and param the spec
// allows for that input. A documented 429 is waited out and the request retried (rate limits
// are not what the fuzz is about), through a hook so tests can move a clock instead of sleeping.
import fc from "fast-check";
import { checkResponse } from "../conformance/check.js";
import type { SpecValidator } from "../conformance/validator.js";
import { describeExchange, type Exchange, errorOf, send } from "../http/exchange.js";
import { retryAfterSeconds, sleepSeconds } from "../http/wait.js";
import type { OpenApiDocument } from "../spec/types.js";
import { everyBodySite, operationCases } from "./cases.js";
import type { FuzzCase, FuzzContext } from "./context.js";
import { uploadCases } from "./upload-cases.js";

export interface FuzzOptions {
  baseUrl: string;
  doc: OpenApiDocument;
  validator: SpecValidator;
  ctx: FuzzContext;
  runs: number;
  seed?: number;
  concurrency?: number;
  /** Called with Retry-After seconds on a 429; resolve when the bucket has refilled. */
  onRateLimited?: (retryAfterSeconds: number) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** When several keys (teams) share one run: this one sends only its share of the per-site cases. */
  shard?: { index: number; count: number };
  /** Epoch ms after which no new case is sent (a --budget run); the rest are counted as unsent. */
  deadline?: number;
}

export interface FuzzFailure {
  case: FuzzCase;
  exchange?: Exchange;
  problems: string[];
}

export interface FuzzResult {
  seed: number;
  requests: number;
  counts: Record<string, { valid: number; invalid: number }>;
  rules: Record<string, number>;
  retriesAfter429: number;
  failures: FuzzFailure[];
  /** Cases planned but not sent because the deadline passed. */
  unsent: number;
}

function paramMatches(expected: FuzzCase["expect"]["param"], actual: unknown): boolean {
  if (expected === undefined) return true;
  return Array.isArray(expected) ? expected.includes(actual as string | null) : expected === actual;
}

export function judge(c: FuzzCase, x: Exchange, problems: string[]): string[] {
  const out = [...problems];
  const err = errorOf(x);
  if (x.status >= 500) out.push(`server error ${x.status} for ${c.kind} input (${c.rule})`);
  if (x.status !== c.expect.status) {
    out.push(
      `expected ${c.expect.status}${c.expect.codes.length ? ` ${c.expect.codes.join("|")}` : ""} (${c.expect.why}), got ${describeExchange(x)}`,
    );
  } else if (c.expect.codes.length > 0) {
    if (!err?.code || !c.expect.codes.includes(err.code))
      out.push(`expected code ${c.expect.codes.join("|")} (${c.expect.why}), got ${err?.code ?? "no error code"}`);
    else if (!paramMatches(c.expect.param, err.param))
      out.push(`expected param ${JSON.stringify(c.expect.param)} for ${c.rule}, got ${JSON.stringify(err.param)}`);
  }
  return out;
}

async function runCase(c: FuzzCase, o: FuzzOptions, result: FuzzResult): Promise<void> {
  const op = o.ctx.operations.find((x) => x.operationId === c.operationId);
  if (!op) throw new Error(`unknown operation ${c.operationId}`);
  let request = c.request;
  let renewals = 0;
  for (let attempt = 0; ; attempt++) {
    let x: Exchange;
    try {
      x = await send(o.baseUrl, request);
    } catch (error) {
      result.failures.push({ case: c, problems: [`request failed: ${(error as Error).message}`] });
      return;
    }
    result.requests++;
    if (x.status === 429 && c.expect.status !== 429 && attempt < 20) {
      const problems = checkResponse(op, x, o.validator).map((p) => p.message);
      if (problems.length > 0) {
        result.failures.push({ case: c, exchange: x, problems });
        return;
      }
      // Past a --budget deadline a refused case is not waited for: it counts as not sent.
      if (o.deadline !== undefined && Date.now() >= o.deadline) {
        result.unsent++;
        return;
      }
      result.retriesAfter429++;
      const wait = retryAfterSeconds(x.headers);
      await (o.onRateLimited ?? sleepSeconds)(wait);
      continue;
    }
    // The ticket's URL outlived its 15 minutes (long run, or a test that moves the server's
    // clock), or the server refused it as unusable for now (another PUT to it in progress, or its
    // attempts used up — servers bound what one URL may do): a documented answer, but not this
    // case's point. Mint a new ticket, same fault.
    const code = errorOf(x)?.code;
    const expired = x.status === 401 && code === "upload_url_expired";
    const unusable =
      x.status === 400 &&
      code === "upload_invalid" &&
      !(c.expect.status === 400 && c.expect.codes.includes("upload_invalid"));
    if (c.ticket && renewals < 5 && (expired || unusable) && o.ctx.mintTicket && o.ctx.tickets) {
      const problems = checkResponse(op, x, o.validator).map((p) => p.message);
      if (problems.length > 0) {
        result.failures.push({ case: c, exchange: x, problems });
        return;
      }
      o.ctx.tickets[c.ticket.index] = await o.ctx.mintTicket(o.onRateLimited);
      request = c.ticket.build(new URL(o.ctx.tickets[c.ticket.index]?.upload_url ?? ""));
      renewals++;
      continue;
    }
    const problems = judge(
      c,
      x,
      checkResponse(op, x, o.validator).map((p) => p.message),
    );
    if (problems.length > 0) result.failures.push({ case: c, exchange: x, problems });
    return;
  }
}

/**
 * The run's requests: first one per body site of every operation (each schema rule broken at
 * least once, whatever the seed), then random cases over all fault families up to `runs`.
 */
export function fuzzCases(o: Pick<FuzzOptions, "doc" | "ctx" | "runs" | "seed" | "shard">): {
  seed: number;
  cases: FuzzCase[];
} {
  const seed = o.seed ?? Math.floor(Math.random() * 2 ** 31);
  const shard = o.shard ?? { index: 0, count: 1 };
  const systematic = o.ctx.operations
    .flatMap((op) => everyBodySite(o.doc, o.ctx, op))
    .filter((_, i) => i % shard.count === shard.index)
    .map((arb, i) => fc.sample(arb, { numRuns: 1, seed: seed + i })[0] as FuzzCase);
  const perOperation = [...o.ctx.operations.map((op) => operationCases(o.doc, o.ctx, op)), uploadCases(o.ctx)].filter(
    (a): a is fc.Arbitrary<FuzzCase> => a !== null,
  );
  const random = fc.sample(fc.oneof(...perOperation), { numRuns: Math.max(0, o.runs - systematic.length), seed });
  return { seed, cases: [...systematic, ...random] };
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const { seed, cases } = fuzzCases(o);
  const result: FuzzResult = { seed, requests: 0, counts: {}, rules: {}, retriesAfter429: 0, failures: [], unsent: 0 };
  for (const c of cases) {
    const count = (result.counts[c.operationId] ??= { valid: 0, invalid: 0 });
    count[c.kind]++;
    const rule = c.rule.replace(/ at .*| of \d+.*|: .*|=.*/, "");
    result.rules[`${c.kind}: ${rule}`] = (result.rules[`${c.kind}: ${rule}`] ?? 0) + 1;
  }
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < cases.length) {
      if (o.deadline !== undefined && Date.now() >= o.deadline) {
        result.unsent += cases.length - next;
        next = cases.length;
        return;
      }
      const c = cases[next++] as FuzzCase;
      await runCase(c, o, result);
      o.onProgress?.(++done, cases.length);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
  return result;
}
