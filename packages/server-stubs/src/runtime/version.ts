// Aurous-Version resolution: a pin selects the newest release on or before it; a pin before the
// first release selects the first; a malformed pin or one after the newest release is rejected.
import { RuntimeReject } from "./errors.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  // Not Date.UTC(y, …): it reads years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toISOString().slice(0, 10) === value;
}

export interface VersionResolver {
  /** Oldest release (applied to unauthenticated requests without a pin). */
  readonly first: string;
  /** Newest release. */
  readonly newest: string;
  /** The release a valid pin resolves to, or undefined for a malformed / future pin. */
  tryResolve(pin: string): string | undefined;
  /** Like tryResolve, but throws 400 unknown_version. */
  resolve(pin: string): string;
}

export function createVersionResolver(released: readonly string[]): VersionResolver {
  // Resolution compares strings, which is only sound for real YYYY-MM-DD dates.
  const bad = released.filter((v) => !isCalendarDate(v));
  if (bad.length)
    throw new Error(`released versions must be YYYY-MM-DD dates; got ${bad.map((v) => JSON.stringify(v)).join(", ")}`);
  const sorted = [...new Set(released)].sort(); // ISO dates sort lexically
  const first = sorted[0];
  const newest = sorted[sorted.length - 1];
  if (!first || !newest) throw new Error("the spec lists no released versions");
  const cache = new Map<string, string | undefined>();

  function tryResolve(pin: string): string | undefined {
    if (cache.has(pin)) return cache.get(pin);
    let result: string | undefined;
    if (isCalendarDate(pin) && pin <= newest!) {
      result = first;
      for (const v of sorted) if (v <= pin) result = v;
    }
    if (cache.size < 1000) cache.set(pin, result);
    return result;
  }

  return {
    first,
    newest,
    tryResolve,
    resolve(pin) {
      const v = tryResolve(pin);
      if (v !== undefined) return v;
      const message = isCalendarDate(pin)
        ? `Aurous-Version ${pin} is after the newest released version, ${newest}.`
        : `Aurous-Version must be a YYYY-MM-DD date; got ${JSON.stringify(pin.slice(0, 40))}.`;
      throw new RuntimeReject(400, "unknown_version", message, "Aurous-Version");
    },
  };
}
