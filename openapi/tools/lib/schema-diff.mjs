// Compares two schemas in one direction. For a request the client writes and the server validates,
// so anything the new schema rejects that the old one accepted is breaking. For a response the client
// reads, so anything the old schema promised that the new one no longer guarantees is breaking.
import { branches, branchTypes, conjunction, LOWER_BOUNDS, UPPER_BOUNDS } from "./schema-view.mjs";

const show = (value) => (value instanceof Set ? JSON.stringify([...value].sort()) : JSON.stringify(value));
const typesText = (types) => (types ? [...types].sort().join(" | ") : "any type");
const covers = (types, t) => types.has(t) || (t === "integer" && types.has("number"));

/**
 * ctx: { before, after (the two documents), direction: "request" | "response",
 *        errorCodeAt?: "error.code" (set on error response bodies), report(rule, path, before, after) }
 * path: array of property names ("[]" for array items, "{}" for additionalProperties values).
 */
export function compareSchemas(ctx, before, after, path = [], stack = []) {
  // Recursive schemas: stop when the same pair of references is already being compared above us.
  const pairKey = `${before?.$ref ?? ""}→${after?.$ref ?? ""}`;
  if (before?.$ref && after?.$ref && stack.includes(pairKey)) return;
  const nextStack = [...stack, pairKey];

  const b = branches(ctx.before, before);
  const a = branches(ctx.after, after);
  compareTypes(ctx, branchTypes(b), branchTypes(a), path);

  const unmatchedAfter = [...a];
  const take = (predicate) => {
    const i = unmatchedAfter.findIndex(predicate);
    return i < 0 ? undefined : unmatchedAfter.splice(i, 1)[0];
  };
  const pairs = [];
  const unmatchedBefore = [];
  for (const branch of b) {
    const match = take((x) => x.key === branch.key);
    if (match) pairs.push([branch, match]);
    else unmatchedBefore.push(branch);
  }
  for (const branch of unmatchedBefore) {
    const types = branchTypes([branch]);
    const match = take((x) => {
      const other = branchTypes([x]);
      return !types || !other || [...types].some((t) => other.has(t));
    });
    if (match) pairs.push([branch, match]);
    else if (ctx.direction === "request")
      ctx.report("request-type-narrowed", path, `alternative ${branch.key}`, "no matching alternative");
  }
  if (ctx.direction === "response") {
    for (const branch of unmatchedAfter)
      ctx.report("response-type-widened", path, "no matching alternative", `alternative ${branch.key}`);
  }
  for (const [x, y] of pairs) compareViews(ctx, x.view, y.view, path, nextStack);
}

function compareTypes(ctx, b, a, path) {
  if (ctx.direction === "request") {
    const lost = b ? [...b].filter((t) => a && !covers(a, t)) : a ? ["any type"] : [];
    if (lost.length > 0) ctx.report("request-type-narrowed", path, typesText(b), typesText(a));
  } else {
    const gained = a ? [...a].filter((t) => b && !covers(b, t)) : b ? ["any type"] : [];
    if (gained.length > 0) ctx.report("response-type-widened", path, typesText(b), typesText(a));
  }
}

function compareEnums(ctx, b, a, path) {
  if (ctx.errorCodeAt && path.join(".") === ctx.errorCodeAt) {
    const removed = b.enum && a.enum ? b.enum.filter((x) => !a.enum.includes(x)) : [];
    const added = b.enum ? (a.enum ?? ["any code"]).filter((x) => !b.enum.includes(x)) : [];
    if (removed.length)
      ctx.report("response-error-code-removed", path, show(b.enum), `${show(a.enum)} (removed ${removed.join(", ")})`);
    if (added.length)
      ctx.report("response-error-code-added", path, show(b.enum), `${show(a.enum)} (added ${added.join(", ")})`);
    return;
  }
  if (ctx.direction === "request" && !b.enum && a.enum) {
    ctx.report("request-constraint-narrowed", [...path, "(enum)"], "any value", show(a.enum));
    return;
  }
  if (!b.enum || !a.enum) return; // response: losing the enum only widens it, which is additive
  const removed = b.enum.filter((x) => !a.enum.some((y) => JSON.stringify(x) === JSON.stringify(y)));
  if (removed.length) {
    ctx.report(
      `${ctx.direction}-enum-value-removed`,
      path,
      show(b.enum),
      `${show(a.enum)} (removed ${removed.map((x) => JSON.stringify(x)).join(", ")})`,
    );
  }
}

function compareRequestConstraints(ctx, b, a, path) {
  const narrowed = (keyword, was, now) =>
    ctx.report("request-constraint-narrowed", [...path, `(${keyword})`], was, now);
  const text = (x) => (x === undefined ? "none" : String(x));
  for (const k of UPPER_BOUNDS)
    if (a.upper[k] !== undefined && !(b.upper[k] <= a.upper[k])) narrowed(k, text(b.upper[k]), text(a.upper[k]));
  for (const k of LOWER_BOUNDS)
    if (a.lower[k] !== undefined && !(b.lower[k] >= a.lower[k])) narrowed(k, text(b.lower[k]), text(a.lower[k]));
  // A value that was a multiple of `was` stays valid only if `was` is itself a multiple of `now`.
  for (const m of a.multipleOf)
    if (!b.multipleOf.some((x) => x % m === 0)) narrowed("multipleOf", b.multipleOf.join(", ") || "none", String(m));
  if (a.uniqueItems && !b.uniqueItems) narrowed("uniqueItems", "false", "true");
  // Regular expressions and formats cannot be compared for inclusion: any new one may reject input.
  for (const p of a.patterns) if (!b.patterns.has(p)) narrowed("pattern", show(b.patterns), JSON.stringify(p));
  for (const f of a.formats) if (!b.formats.has(f)) narrowed("format", show(b.formats), f);
  if (a.closed && !b.closed) narrowed("additionalProperties", "allowed", "false");
}

function compareProperties(ctx, b, a, path, stack) {
  const at = (name) => [...path, name];
  if (ctx.direction === "request") {
    for (const name of a.required) {
      if (!b.required.has(name))
        ctx.report("request-property-required", at(name), b.properties.has(name) ? "optional" : "absent", "required");
    }
    for (const name of b.properties.keys())
      if (!a.properties.has(name)) ctx.report("request-property-removed", at(name), "accepted", "removed");
  } else {
    for (const name of b.properties.keys()) {
      if (!a.properties.has(name))
        ctx.report("response-property-removed", at(name), b.required.has(name) ? "required" : "optional", "removed");
      else if (b.required.has(name) && !a.required.has(name))
        ctx.report("response-property-made-optional", at(name), "required", "optional");
    }
  }
  for (const [name, list] of b.properties) {
    if (a.properties.has(name))
      compareSchemas(ctx, conjunction(list), conjunction(a.properties.get(name)), at(name), stack);
  }
}

function compareViews(ctx, b, a, path, stack) {
  compareEnums(ctx, b, a, path);
  if (ctx.direction === "request") compareRequestConstraints(ctx, b, a, path);
  compareProperties(ctx, b, a, path, stack);
  if (b.items.length && a.items.length)
    compareSchemas(ctx, conjunction(b.items), conjunction(a.items), [...path, "[]"], stack);
  if (b.additional.length && a.additional.length) {
    compareSchemas(ctx, conjunction(b.additional), conjunction(a.additional), [...path, "{}"], stack);
  }
}
