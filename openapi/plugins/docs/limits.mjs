// The "Limits" block appended to each operation's description in the docs: what its x-aurous-*
// extensions say (rate limit and burst, credit cost, idempotency, scope), so a reader sees them on
// the operation's own page instead of only in the intro.

export const LIMITS_HEADING = "**Limits**";

const when = (variant) => `with \`${variant.when.body_field}: ${JSON.stringify(variant.when.equals)}\``;

function rateLimit(limit) {
  const one = (l) =>
    `bucket \`${l.bucket}\`, ${l.sustained_per_minute} requests a minute sustained, bursts of ${l.burst}; ` +
    `an empty bucket answers \`429 ${l.error_code}\``;
  const lines = [`- **Rate limit:** ${one(limit)}.`];
  for (const v of limit.variants ?? []) lines.push(`- **Rate limit ${when(v)}:** ${one(v)}.`);
  return lines;
}

function credits(cost) {
  // A per-item rule (x-aurous-credit-cost.per_item_field) prices each item the body asks for.
  const per = cost.per_item_field ? ` per item (times \`${cost.per_item_field}\`)` : "";
  const one = (n) => (n === 0 ? "free" : `${n} credit${n === 1 ? "" : "s"}${per}, charged up front`);
  const lines = [`- **Credits:** ${one(cost.credits)}.`];
  for (const v of cost.variants ?? []) lines.push(`- **Credits ${when(v)}:** ${one(v.credits)}.`);
  return lines;
}

function idempotency(idem) {
  if (idem.honours_key) {
    return `- **Idempotency:** send an \`Idempotency-Key\`; a retry with the same key and body within ${idem.window_hours} hours gets the stored answer (\`Aurous-Idempotent-Replayed: true\`).`;
  }
  return idem.naturally_idempotent
    ? "- **Idempotency:** naturally idempotent: repeating the request is safe; `Idempotency-Key` is ignored."
    : "- **Idempotency:** `Idempotency-Key` is ignored; do not repeat the request blindly.";
}

function scope(op) {
  const s = op["x-aurous-scope"];
  if (s) return `- **Scope:** an API key with \`${s}\` scope or above (\`read\` < \`write\` < \`full\`).`;
  return "- **Scope:** no API key: the signed URL is the credential.";
}

/** The Markdown block, or null when the operation carries none of the extensions. */
export function limitsSection(op) {
  const limit = op["x-aurous-rate-limit"];
  const cost = op["x-aurous-credit-cost"];
  const idem = op["x-aurous-idempotency"];
  if (!limit && !cost && !idem) return null;
  const lines = [LIMITS_HEADING, ""];
  // Without a bucket: a signed-URL operation (no scope) is limited by the storage host; an API
  // operation (getImageOutput, loaded by browsers from output URLs) by none.
  const unlimited = op["x-aurous-scope"]
    ? "- **Rate limit:** none; this operation draws from no bucket."
    : "- **Rate limit:** none of the API's buckets (the storage host's own).";
  lines.push(...(limit ? rateLimit(limit) : [unlimited]));
  if (cost) lines.push(...credits(cost));
  if (idem) lines.push(idempotency(idem));
  lines.push(scope(op));
  return lines.join("\n");
}

/** The description with the block appended once (build-docs runs the decorators again). */
export function withLimits(description, op) {
  const block = limitsSection(op);
  const text = (description ?? "").trimEnd();
  if (!block || text.includes(`\n${LIMITS_HEADING}\n`)) return description;
  return `${text}\n\n${block}\n`;
}
