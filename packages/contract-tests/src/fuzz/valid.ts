// fast-check arbitraries for values a schema accepts. Strings honour pattern and length in code
// points (JSON Schema's unit), and mix plain ASCII with arbitrary Unicode so servers that count
// UTF-16 units or choke on non-ASCII are caught.
import fc from "fast-check";
import { type Shape, satisfyRules } from "./schema.js";

const ASCII_PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

/** `^[class]+$` patterns (every free-text field here) are built from their one-character class. */
function charClassOf(pattern: string): RegExp | null {
  const m = /^\^(\[.+\])\+\$$/.exec(pattern);
  return m ? new RegExp(`^${m[1]}$`, "u") : null;
}

function unitArbitrary(single: RegExp): fc.Arbitrary<string> {
  const ascii = ASCII_PRINTABLE.filter((c) => single.test(c));
  return fc
    .oneof(
      { arbitrary: fc.constantFrom(...ascii), weight: 6 },
      {
        arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }).map((g) => [...g][0] as string),
        weight: 1,
      },
      { arbitrary: fc.constantFrom("é", "ß", "中", "😀", "\u00a0"), weight: 1 },
    )
    .filter((c) => !/[\uD800-\uDFFF]/u.test(c) && single.test(c)); // no lone surrogates
}

export function stringArbitrary(shape: Shape): fc.Arbitrary<string> {
  if (shape.enum) return fc.constantFrom(...(shape.enum as string[]));
  if (shape.const !== undefined) return fc.constant(shape.const as string);
  const minLength = shape.minLength ?? 0;
  const maxLength = Math.min(shape.maxLength ?? minLength + 40, minLength + 300);
  // A URI (a webhook): a real URL, in the scheme the pattern asks for (`^https://…`), then the pattern.
  if (shape.format === "uri") {
    const scheme = /^\^([a-z]+):/.exec(shape.pattern ?? "")?.[1];
    const re = shape.pattern ? new RegExp(shape.pattern, "u") : null;
    return fc
      .webUrl({ validSchemes: scheme ? [scheme] : ["https"], withQueryParameters: true })
      .filter((u) => u.length >= minLength && u.length <= (shape.maxLength ?? Infinity) && (!re || re.test(u)));
  }
  if (shape.pattern) {
    const single = charClassOf(shape.pattern);
    if (single) {
      return (
        fc
          .string({ unit: unitArbitrary(single), minLength: Math.max(minLength, 1), maxLength })
          // Boundary lengths are where servers go wrong: make the exact maximum common.
          .chain((s) =>
            fc.oneof(
              { arbitrary: fc.constant(s), weight: 4 },
              {
                arbitrary: fc.string({
                  unit: unitArbitrary(single),
                  minLength: shape.maxLength ?? maxLength,
                  maxLength: shape.maxLength ?? maxLength,
                }),
                weight: 1,
              },
            ),
          )
      );
    }
    const re = new RegExp(shape.pattern, "u");
    return fc
      .stringMatching(re)
      .filter((s) => [...s].length >= minLength && [...s].length <= (shape.maxLength ?? Infinity));
  }
  return fc.string({ minLength, maxLength });
}

export function validArbitrary(shape: Shape): fc.Arbitrary<unknown> {
  const base = ((): fc.Arbitrary<unknown> => {
    if (shape.enum) return fc.constantFrom(...shape.enum);
    if (shape.const !== undefined) return fc.constant(shape.const);
    switch (shape.kind) {
      case "string":
        return stringArbitrary(shape);
      case "integer": {
        const range = fc.integer({ min: shape.minimum ?? -1e6, max: shape.maximum ?? 1e6 });
        const bounds = [shape.minimum, shape.maximum].filter((n): n is number => n !== undefined);
        return bounds.length > 0
          ? fc.oneof({ arbitrary: range, weight: 3 }, { arbitrary: fc.constantFrom(...bounds), weight: 1 })
          : range;
      }
      case "number":
        return fc.double({
          min: shape.minimum ?? -1e6,
          max: shape.maximum ?? 1e6,
          noNaN: true,
          noDefaultInfinity: true,
        });
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array": {
        const items = validArbitrary(shape.items ?? { kind: "any", nullable: true });
        const constraints = { minLength: shape.minItems ?? 0, maxLength: shape.maxItems ?? 5 };
        return shape.uniqueItems
          ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) })
          : fc.array(items, constraints);
      }
      case "object": {
        const props = Object.fromEntries(
          Object.entries(shape.properties ?? {}).map(([k, s]) => [k, validArbitrary(s)]),
        );
        // Bodies that honour the combination rules too (the faults break them on purpose, in invalid.ts).
        const record = fc.record(props, { requiredKeys: shape.required ?? [] });
        return shape.combinations || shape.dependentRequired
          ? record.map((v) => satisfyRules(shape, v as Record<string, unknown>))
          : record;
      }
      default:
        return fc.jsonValue({ maxDepth: 1 });
    }
  })();
  return shape.nullable ? fc.oneof({ arbitrary: base, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 }) : base;
}
