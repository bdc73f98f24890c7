// An operation's documented price (x-aurous-credit-cost), for the body a request sent: the same
// body-field variants as the rate-limit buckets (createCharacter costs 4 with `generate: true`).
// Implementations charge from here, so the price lives in the spec alone.
import type { OperationMeta } from "./meta.js";

export function creditCost(meta: OperationMeta, body?: unknown): number {
  const rule = meta.creditCost;
  if (!rule) return 0;
  const fields = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const variant = rule.variants?.find((v) => fields[v.when.body_field] === v.when.equals);
  return (variant ?? rule).credits;
}
