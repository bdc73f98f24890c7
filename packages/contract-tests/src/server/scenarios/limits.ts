// 429s: each bucket is emptied with cheap requests, then every operation drawing from it must
// answer 429 with its bucket's documented code and a Retry-After. The buckets, who draws from them
// and the requests all come from the spec (x-aurous-rate-limit, its variants, the examples), so a
// new operation or bucket needs nothing here. Runs last: the buckets are per team.
import type { OutgoingRequest } from "../../http/exchange.js";
import type { BucketRule, OperationModel } from "../../spec/types.js";
import { type Auth, apiKeyOperations, specRequest } from "../requests.js";
import type { World } from "../world.js";

interface Drawer {
  op: OperationModel;
  /** A fresh request that draws a token from this bucket. */
  build: () => OutgoingRequest;
}

/** The operation's example body whose `field` equals `value` (a variant's trigger), if the spec has one. */
function variantBody(op: OperationModel, field: string, value: unknown): unknown {
  const media = op.requestBody?.media.find((m) => m.contentType === "application/json");
  return Object.values(media?.examples ?? {}).find(
    (body) => typeof body === "object" && body !== null && (body as Record<string, unknown>)[field] === value,
  );
}

/** Every bucket of the spec with its rule and the requests that draw from it. */
function bucketsOf(w: World): Map<string, { rule: BucketRule; drawers: Drawer[] }> {
  const buckets = new Map<string, { rule: BucketRule; drawers: Drawer[] }>();
  // An idempotent operation needs a new key per request, or the server would replay the first answer.
  const auth = (op: OperationModel): Auth =>
    op.idempotency.honours_key ? { ...w.main, idempotencyKey: crypto.randomUUID() } : w.main;
  const add = (rule: BucketRule, drawer: Drawer) => {
    const bucket = buckets.get(rule.bucket) ?? { rule, drawers: [] };
    bucket.drawers.push(drawer);
    buckets.set(rule.bucket, bucket);
  };
  for (const op of apiKeyOperations(w.rec.doc)) {
    const limit = op.rateLimit;
    if (!limit) continue;
    // The spec's example ids name nothing here: a 429 must come before the lookup that would 404.
    add(limit, { op, build: () => specRequest(w.rec.doc, op, auth(op)) });
    for (const variant of limit.variants ?? []) {
      const body = variantBody(op, variant.when.body_field, variant.when.equals);
      if (body === undefined) {
        throw new Error(`${op.operationId}: no request example selects its ${variant.bucket} rate-limit variant`);
      }
      add(variant, { op, build: () => specRequest(w.rec.doc, op, auth(op), { body }) });
    }
  }
  return buckets;
}

/** Reads drain a bucket most cheaply (no state, no credits); otherwise its first drawer. */
const drainerOf = (drawers: Drawer[]) => drawers.find((d) => d.op.method === "get") ?? drawers[0]!;

export async function limitScenarios(w: World): Promise<void> {
  const { rec } = w;
  for (const [name, { rule, drawers }] of bucketsOf(w)) {
    const drainer = drainerOf(drawers);
    // Burst plus a minute of refill: the bucket must be empty by then however slow the machine.
    const max = rule.burst + rule.sustained_per_minute + 10;
    // Empties the bucket straight on the server (these requests are not under test, and Prism's
    // latency would let tokens trickle back); repeated before each operation for the same reason.
    const drain = async (n: number) => {
      for (let i = 0; i < n; i++)
        if ((await rec.send(drainer.op.operationId, drainer.build(), "direct", { keep429: true })).status === 429)
          return true;
      return false;
    };
    // The 429 code belongs to the bucket, whichever operation drew.
    if (!(await drain(max))) {
      for (const { op } of drawers)
        rec.fail(op.operationId, 429, rule.error_code, `${max} requests did not empty the ${name} bucket`);
      continue;
    }
    for (const { op, build } of drawers) {
      const request = async () => {
        await drain(5);
        return build();
      };
      await rec.expect(op.operationId, 429, rule.error_code, request, "strict", `after emptying the ${name} bucket`, {
        when: (x) => x.status !== 429,
        why: "a token came back before the request arrived",
      });
    }
  }
  // Leave the team usable: on servers we control, jump past the refill time.
  await rec.target.hooks?.advanceClock?.(60 * 60 * 1000);
}
