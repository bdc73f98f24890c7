// Invalid request bodies built from the schema: every place a value can be wrong (a "site") with
// an arbitrary for the wrong value and the validation codes the spec's rules allow for it:
// `missing_field` (required field absent), `value_out_of_range` (length, size or numeric bound),
// `invalid_format` (anything else). Each generated body breaks exactly one rule.
import fc from "fast-check";
import { paramPath, type Shape, satisfyRules } from "./schema.js";
import { stringArbitrary, validArbitrary } from "./valid.js";

/** The schema rules' codes, or a combination rule's own (x-aurous-combination-error). */
export type ValidationCode = "missing_field" | "value_out_of_range" | "invalid_format" | (string & {});
type Path = Array<string | number>;

export interface Violation {
  rule: string;
  /** Where the fault is, as `error.param` names it. */
  param: string;
  /** Codes the spec's validation rules allow for this fault. */
  codes: ValidationCode[];
}

export interface InvalidBody {
  body: unknown;
  violation: Violation;
}

interface Site {
  rule: string;
  path: Path;
  /** `undefined` = delete the key. */
  value: fc.Arbitrary<{ value: unknown; codes: ValidationCode[] }>;
}

const UNKNOWN_KEY = "zz_unknown_field";

function wrongTypeValues(shape: Shape): unknown[] {
  const all: Record<string, unknown> = {
    string: 12345,
    integer: "17",
    number: "0.5",
    boolean: "true",
    array: "not-an-array",
    object: ["not", "an", "object"],
  };
  const out: unknown[] = [all[shape.kind] ?? 12345];
  if (!shape.nullable && shape.kind !== "object") out.push(null);
  if (shape.kind !== "object" && shape.kind !== "array") out.push({ nested: true });
  return out;
}

function withCodes(arb: fc.Arbitrary<unknown>, codes: ValidationCode[]) {
  return arb.map((value) => ({ value, codes }));
}

function stringSites(shape: Shape, path: Path): Site[] {
  const sites: Site[] = [];
  const pattern = shape.pattern ? new RegExp(shape.pattern, "u") : null;
  // A length fault that also breaks the pattern (fixed-length ids) may be reported as either.
  const lengthCodes = (s: string): ValidationCode[] =>
    pattern && !pattern.test(s) ? ["value_out_of_range", "invalid_format"] : ["value_out_of_range"];
  if (shape.enum) {
    sites.push({
      rule: "enum",
      path,
      value: withCodes(fc.constantFrom(...(shape.enum as string[]).map((v) => `${v}_x`), "", "UNKNOWN"), [
        "invalid_format",
      ]),
    });
    return sites;
  }
  if (shape.maxLength !== undefined) {
    const over = stringArbitrary({
      ...shape,
      format: undefined, // a too-long value needs no real URL
      minLength: shape.maxLength + 1,
      maxLength: shape.maxLength + 20,
      pattern: shape.pattern && /^\^\[/.test(shape.pattern) && !/\{/.test(shape.pattern) ? shape.pattern : undefined,
    });
    sites.push({ rule: "maxLength", path, value: over.map((s) => ({ value: s, codes: lengthCodes(s) })) });
  }
  if ((shape.minLength ?? 0) > 0) {
    sites.push({ rule: "minLength", path, value: fc.constant({ value: "", codes: lengthCodes("") }) });
  }
  if (pattern) {
    // Same length, one character the pattern forbids (a control character, or a lowercase /
    // excluded letter inside an id).
    const bad = stringArbitrary(shape)
      .chain((s) =>
        fc
          .record({
            at: fc.nat({ max: Math.max(0, [...s].length - 1) }),
            ch: fc.constantFrom("\u0001", "\u001f", "\u007f", "I", "o", "/", "\n"),
          })
          .map(({ at, ch }) => {
            const chars = [...s];
            chars[at] = ch;
            return chars.join("");
          }),
      )
      .filter(
        (s) =>
          !pattern.test(s) &&
          (shape.maxLength === undefined || [...s].length <= shape.maxLength) &&
          [...s].length >= (shape.minLength ?? 0),
      );
    sites.push({ rule: "pattern", path, value: withCodes(bad, ["invalid_format"]) });
  }
  return sites;
}

function sitesOf(shape: Shape, path: Path): Site[] {
  const sites: Site[] = [
    { rule: "type", path, value: withCodes(fc.constantFrom(...wrongTypeValues(shape)), ["invalid_format"]) },
  ];
  switch (shape.kind) {
    case "string":
      sites.push(...stringSites(shape, path));
      break;
    case "integer":
    case "number": {
      // Whole numbers past the bound (fractional bounds, e.g. a minimum of 0.1, round outwards).
      const over = (bound: number) => Math.floor(bound) + 1;
      const under = (bound: number) => Math.ceil(bound) - 1;
      if (shape.maximum !== undefined)
        sites.push({
          rule: "maximum",
          path,
          value: withCodes(fc.integer({ min: over(shape.maximum), max: over(shape.maximum) + 10_000 }), [
            "value_out_of_range",
          ]),
        });
      if (shape.minimum !== undefined)
        sites.push({
          rule: "minimum",
          path,
          value: withCodes(fc.integer({ min: under(shape.minimum) - 10_000, max: under(shape.minimum) }), [
            "value_out_of_range",
          ]),
        });
      if (shape.kind === "integer")
        sites.push({
          rule: "notInteger",
          path,
          value: withCodes(fc.constantFrom(1.5, 0.25, 99.9), ["invalid_format"]),
        });
      break;
    }
    case "array": {
      const item = shape.items ?? { kind: "any", nullable: true };
      if (shape.maxItems !== undefined) {
        const many = fc.uniqueArray(validArbitrary(item), {
          selector: (v) => JSON.stringify(v),
          minLength: shape.maxItems + 1,
          maxLength: shape.maxItems + 4,
        });
        sites.push({ rule: "maxItems", path, value: withCodes(many, ["value_out_of_range"]) });
      }
      if ((shape.minItems ?? 0) > 0)
        sites.push({ rule: "minItems", path, value: withCodes(fc.constant([]), ["value_out_of_range"]) });
      if (shape.uniqueItems) {
        sites.push({
          rule: "uniqueItems",
          path,
          value: withCodes(
            validArbitrary(item).map((v) => [v, v]),
            ["invalid_format"],
          ),
        });
      }
      for (const s of sitesOf(item, [...path, 0])) sites.push(s);
      break;
    }
    case "object":
      for (const key of shape.required ?? []) {
        sites.push({
          rule: "missing",
          path: [...path, key],
          value: fc.constant({ value: undefined, codes: ["missing_field"] as ValidationCode[] }),
        });
      }
      if (!shape.additionalProperties) {
        sites.push({
          rule: "unknownKey",
          path: [...path, UNKNOWN_KEY],
          value: withCodes(fc.constantFrom("x", 1, true), ["invalid_format"]),
        });
      }
      for (const [key, prop] of Object.entries(shape.properties ?? {})) sites.push(...sitesOf(prop, [...path, key]));
      break;
    default:
      break;
  }
  return sites;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  if (typeof head === "number") {
    const arr = Array.isArray(root) && root.length > 0 ? [...root] : ["placeholder"];
    arr[head] = setAt(arr[head], rest, value);
    return arr;
  }
  const obj = root && typeof root === "object" && !Array.isArray(root) ? { ...(root as Record<string, unknown>) } : {};
  if (rest.length === 0 && value === undefined) delete obj[head];
  else obj[head] = setAt(obj[head], rest, value);
  return obj;
}

/** Valid values for `keys` of an object shape (each key's own valid arbitrary). */
function validValues(shape: Shape, keys: string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    Object.fromEntries(keys.map((k) => [k, validArbitrary(shape.properties?.[k] ?? { kind: "any", nullable: true })])),
  );
}

/** The keys `key` needs present (dependentRequired), transitively. */
function dependenciesOf(shape: Shape, keys: string[]): string[] {
  const out = new Set<string>();
  const visit = (k: string) => {
    for (const d of shape.dependentRequired?.[k] ?? [])
      if (!out.has(d) && !keys.includes(d)) {
        out.add(d);
        visit(d);
      }
  };
  for (const k of keys) visit(k);
  return [...out];
}

/**
 * The fault at one site, and nothing else: breaking a top-level key of an object with combination
 * rules also drops the keys it may not come with, and adds (valid) the keys it needs.
 */
function breakAt(root: Shape, site: Site, base: fc.Arbitrary<unknown>): fc.Arbitrary<InvalidBody> {
  const key = typeof site.path[0] === "string" ? site.path[0] : undefined;
  const ruled = root.kind === "object" && (root.combinations || root.dependentRequired) && key !== undefined;
  const needs = ruled && key ? dependenciesOf(root, [key]) : [];
  return fc.tuple(base, site.value, validValues(root, needs)).map(([valid, bad, deps]) => {
    let body = setAt(valid, site.path, bad.value);
    if (ruled && key && body && typeof body === "object")
      body = satisfyRules(root, { ...(body as Record<string, unknown>), ...deps }, [key, ...needs]);
    return { body, violation: { rule: site.rule, param: paramPath(site.path), codes: bad.codes } };
  });
}

/** Bodies that break one combination rule (a forbidden set of keys together) or one dependentRequired. */
function ruleFaults(root: Shape, base: fc.Arbitrary<unknown>): Array<fc.Arbitrary<InvalidBody>> {
  if (root.kind !== "object") return [];
  const out: Array<fc.Arbitrary<InvalidBody>> = [];
  for (const rule of root.combinations ?? [])
    for (const set of rule.sets) {
      const needs = dependenciesOf(root, set);
      out.push(
        fc.tuple(base, validValues(root, [...set, ...needs])).map(([valid, values]) => ({
          body: satisfyRules(root, { ...(valid as Record<string, unknown>), ...values }, [...set, ...needs]),
          violation: { rule: `combination ${set.join(" + ")}`, param: rule.param ?? "", codes: [rule.code] },
        })),
      );
    }
  for (const [key, needs] of Object.entries(root.dependentRequired ?? {})) {
    if (needs.length === 0) continue;
    out.push(
      fc.tuple(base, validValues(root, [key])).map(([valid, value]) => {
        const body = satisfyRules(root, { ...(valid as Record<string, unknown>), ...value }, [key]);
        for (const n of needs) delete body[n];
        return {
          body,
          violation: {
            rule: `dependentRequired ${key} → ${needs.join(", ")}`,
            param: needs[0] as string,
            codes: ["missing_field"],
          },
        };
      }),
    );
  }
  return out;
}

// The body's own type (array, string, …) is covered by the structural cases in cases.ts.
const bodySites = (shape: Shape) => sitesOf(shape, []).filter((s) => s.path.length > 0);

/** A single-fault body: a valid base from `base`, broken at one site chosen at random. */
export function invalidBodyArbitrary(shape: Shape, base: fc.Arbitrary<unknown>): fc.Arbitrary<InvalidBody> {
  const sites = fc.constantFrom(...bodySites(shape)).chain((site) => breakAt(shape, site, base));
  const rules = ruleFaults(shape, base);
  return rules.length > 0
    ? fc.oneof({ arbitrary: sites, weight: 8 }, { arbitrary: fc.oneof(...rules), weight: 1 })
    : sites;
}

/** One arbitrary per site, so a run can break every site at least once. */
export function invalidBodyPerSite(shape: Shape, base: fc.Arbitrary<unknown>): Array<fc.Arbitrary<InvalidBody>> {
  return [...bodySites(shape).map((site) => breakAt(shape, site, base)), ...ruleFaults(shape, base)];
}
