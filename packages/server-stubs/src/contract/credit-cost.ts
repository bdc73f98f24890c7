// An operation's documented price (x-aurous-credit-cost), for the body a request sent: the same
// body-field variants as the rate-limit buckets (createCharacter costs 4 with `generate: true`),
// times the number of items the body asks for when the rule prices per item (createImage: per
// image, `count`). Implementations charge from here, so the price lives in the spec alone.
import { componentSchemas } from "../generated/operations.gen.js";
import type { JsonSchema, OperationMeta } from "./meta.js";

/** A price and how it is made up. */
export interface CreditBreakdown {
  /** What the request costs: (the matching variant's, else the rule's) credits × count. */
  amount: number;
  /** The rule's own credits × count: the price without any variant. */
  base: number;
  /** What the matching variant adds to `base` (0 without one): `amount − base`. */
  extra: number;
  /** Items priced: the body's `per_item_field`, else that field's schema default, else 1. */
  count: number;
}

const FREE: CreditBreakdown = { amount: 0, base: 0, extra: 0, count: 1 };

/** Follows `#/components/schemas/X` references. */
function resolve(schema: unknown): JsonSchema | undefined {
  let node = schema as JsonSchema | undefined;
  for (let hops = 0; node && typeof node.$ref === "string" && hops < 16; hops++) {
    node = componentSchemas[node.$ref.split("/").pop()!] as JsonSchema | undefined;
  }
  return node;
}

/** The `default` the body schema gives `field` (on the object or one of its `allOf` parts). */
function fieldDefault(meta: OperationMeta, field: string): unknown {
  const body = resolve(meta.requestBody?.jsonSchema);
  for (const part of [body, ...((body?.allOf as unknown[] | undefined) ?? [])]) {
    const property = resolve((resolve(part)?.properties as Record<string, unknown> | undefined)?.[field]);
    if (property?.default !== undefined) return property.default;
  }
  return undefined;
}

const defaults = new WeakMap<OperationMeta, number>();

function itemCount(meta: OperationMeta, fields: Record<string, unknown>): number {
  const field = meta.creditCost?.per_item_field;
  if (!field) return 1;
  const sent = fields[field];
  if (typeof sent === "number" && Number.isFinite(sent) && sent >= 0) return sent;
  let fallback = defaults.get(meta);
  if (fallback === undefined) {
    const value = fieldDefault(meta, field);
    defaults.set(meta, (fallback = typeof value === "number" && Number.isFinite(value) ? value : 1));
  }
  return fallback;
}

/** The price of `body` on `meta` and its parts (e.g. a generation's `cost.breakdown`: base + extra). */
export function creditBreakdown(meta: OperationMeta, body?: unknown): CreditBreakdown {
  const rule = meta.creditCost;
  if (!rule) return FREE;
  const fields = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const variant = rule.variants?.find((v) => fields[v.when.body_field] === v.when.equals);
  const count = itemCount(meta, fields);
  const amount = (variant ?? rule).credits * count;
  const base = rule.credits * count;
  return { amount, base, extra: amount - base, count };
}

export function creditCost(meta: OperationMeta, body?: unknown): number {
  return creditBreakdown(meta, body).amount;
}
