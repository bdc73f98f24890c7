// Sends scenario requests and records, per matrix entry, whether it was produced as documented.
// A call names the entry it means to produce; the response must be exactly that entry and pass
// every check (Prism's and ours). Responses that fit no documented entry are kept as findings.
import { checkResponse } from "../conformance/check.js";
import type { SpecValidator } from "../conformance/validator.js";
import { describeExchange, type Exchange, errorOf, type OutgoingRequest, send } from "../http/exchange.js";
import { retryAfterSeconds, sleepSeconds } from "../http/wait.js";
import { entryId } from "../spec/matrix.js";
import { listOperations, type OperationModel } from "../spec/operations.js";
import type { OpenApiDocument } from "../spec/types.js";
import type { ServerTarget } from "./target.js";

/** When to set a scenario up again instead of judging (a timing race it lost). */
export interface Retry {
  when?: (x: Exchange) => boolean;
  why?: string;
  attempts?: number;
}

/** strict: Prism refuses violations; observe: Prism reports them; direct: no Prism. */
export type Route = "strict" | "observe" | "direct";

export interface CallResult {
  exchange: Exchange | undefined;
  ok: boolean;
}

interface EntryLog {
  passes: string[];
  failures: string[];
}

export class Recorder {
  readonly entries = new Map<string, EntryLog>();
  readonly findings: string[] = [];
  calls = 0;

  private readonly operations: OperationModel[];

  constructor(
    readonly doc: OpenApiDocument,
    private readonly validator: SpecValidator,
    readonly target: ServerTarget,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.operations = listOperations(doc);
  }

  op(operationId: string): OperationModel {
    const op = this.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`no operation ${operationId}`);
    return op;
  }

  private base(route: Route): string {
    return route === "strict"
      ? this.target.strictUrl
      : route === "observe"
        ? this.target.observeUrl
        : this.target.directUrl;
  }

  private entry(id: string): EntryLog {
    let e = this.entries.get(id);
    if (!e) this.entries.set(id, (e = { passes: [], failures: [] }));
    return e;
  }

  /**
   * One round trip, every response checked (problems become findings). An unexpected 429 is
   * documented behaviour, not the point of the scenario: wait Retry-After (or move the server's
   * clock) and try again, up to three times.
   */
  private async roundTrip(
    op: OperationModel,
    request: OutgoingRequest,
    route: Route,
    wants429: boolean,
  ): Promise<{ x: Exchange; problems: string[] }> {
    for (let attempt = 0; ; attempt++) {
      const x = await send(this.base(route), request);
      this.calls++;
      const problems = checkResponse(op, x, this.validator, { requestInvalidOnPurpose: route !== "strict" }).map(
        (p) => p.message,
      );
      if (x.status !== 429 || wants429 || attempt >= 3) return { x, problems };
      for (const p of problems) this.findings.push(`${p} [${describeExchange(x)}]`);
      const seconds = retryAfterSeconds(x.headers);
      this.log(`    (429 on ${op.operationId}: waiting ${seconds}s for the bucket)`);
      const advance = this.target.hooks?.advanceClock;
      if (advance) await advance(seconds * 1000 + 1000);
      else await sleepSeconds(seconds, 120);
    }
  }

  /** Sends without claiming an entry (set-up steps, polling); problems are still findings. */
  async send(
    operationId: string,
    request: OutgoingRequest,
    route: Route = "strict",
    options: { keep429?: boolean } = {},
  ): Promise<Exchange> {
    const { x, problems } = await this.roundTrip(this.op(operationId), request, route, options.keep429 === true);
    for (const p of problems) this.findings.push(`${p} [${describeExchange(x)}]`);
    return x;
  }

  /** Sends a request meant to produce `operationId status code` and records the verdict. */
  async expect(
    operationId: string,
    status: number,
    code: string | null,
    request: OutgoingRequest | (() => Promise<OutgoingRequest>),
    route: Route = "strict",
    scenario = "",
    retry: Retry = {},
  ): Promise<CallResult> {
    const op = this.op(operationId);
    const id = entryId(operationId, status, code);
    let x: Exchange;
    let problems: string[];
    let sent: OutgoingRequest;
    for (let attempt = 1; ; attempt++) {
      try {
        sent = typeof request === "function" ? await request() : request;
        ({ x, problems } = await this.roundTrip(op, sent, route, status === 429));
      } catch (error) {
        this.entry(id).failures.push(`${scenario}: request failed: ${(error as Error).message}`);
        this.log(`  ✗ ${id} — ${scenario}: request failed: ${(error as Error).message}`);
        return { exchange: undefined, ok: false };
      }
      // A race the scenario lost (a token trickled back, a synthesis finished first) is not a
      // contract failure: the answer is still checked, then the scenario is set up again.
      if (attempt < (retry.attempts ?? 3) && retry.when?.(x) && problems.length === 0) {
        this.log(`    (${id}: ${retry.why ?? "race lost"}; trying again)`);
        continue;
      }
      break;
    }
    const request_ = sent;
    const actualCode = x.status >= 400 ? (errorOf(x)?.code ?? null) : null;
    if (x.status !== status || actualCode !== code) {
      problems.unshift(
        `expected ${status}${code ? ` ${code}` : ""}, got ${describeExchange(x)}${x.status >= 400 && !errorOf(x) ? `: ${x.bodyText.slice(0, 300)}` : ""}`,
      );
    }
    const label = scenario || `${request_.method} ${request_.path}`;
    if (problems.length === 0) {
      this.entry(id).passes.push(label);
      this.log(`  ✓ ${id} — ${label}`);
    } else {
      this.entry(id).failures.push(`${label}: ${problems.join("; ")}`);
      this.log(`  ✗ ${id} — ${label}: ${problems.join("; ")}`);
    }
    return { exchange: x, ok: problems.length === 0 };
  }

  /** Marks an entry as failed without a request (a scenario's precondition could not be met). */
  fail(operationId: string, status: number, code: string | null, why: string): void {
    const id = entryId(operationId, status, code);
    this.entry(id).failures.push(why);
    this.log(`  ✗ ${id} — ${why}`);
  }
}
