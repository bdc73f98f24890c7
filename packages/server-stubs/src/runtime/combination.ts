// Rules between the fields of a request body, and the order their failures are reported in, so that
// the code names the real fault:
//  1. a field invalid on its own (the object's schema without its rules is checked first);
//  2. an `allOf` entry `{ not: …, x-aurous-combination-error }` that fails — fields that exclude each
//     other (createImage: character_id and reference_image_urls; size and width/height) — in order;
//  3. a `oneOf` on an object carrying x-aurous-combination-error (exactly one flow: createCharacter):
//     a request that picked a branch (every key of its x-aurous-selected-by, agreeing with its
//     constraints) gets that branch's own failure, else the combination is the fault;
//  4. `dependentRequired` (fields that come in pairs: width and height) → the missing one.
// ajv stops at its first failure, which may be any of these; this re-checks in the order above.
import type { ErrorObject, ValidateFunction } from "ajv";
import { componentSchemas } from "../generated/operations.gen.js";
import type { SchemaCompiler } from "./schemas.js";

/** The schema extension naming the answer ({code, param}) to a broken rule between fields. */
export const COMBINATION = "x-aurous-combination-error";
/** On a oneOf branch: the keys whose presence means the caller chose that branch. */
const SELECTED_BY = "x-aurous-selected-by";
const COMBINATORS = new Set(["oneOf", "anyOf", "allOf", "if", "not"]);

export interface CombinationError {
  code: string;
  param?: string;
}

type Schema = Record<string, unknown>;

export type Judged =
  /** A failure to describe as any other (its instancePath from the body's root). */
  | { error: ErrorObject }
  /** A broken rule: its answer, where the object is, and its message given the object's name ("" at the root). */
  | { combination: CombinationError; at: string; message: (where: string) => string };

export function firstRelevant(errors: ErrorObject[]): ErrorObject {
  return errors.find((e) => !COMBINATORS.has(e.keyword)) ?? errors[0]!;
}

const isObject = (v: unknown): v is Schema => !!v && typeof v === "object" && !Array.isArray(v);
const isNotRule = (v: unknown): v is Schema => isObject(v) && v[COMBINATION] !== undefined && "not" in v;

/** Maps every `allOf` entry to the object schema holding it (ajv reports a failed `not` on the entry). */
function indexAllOf(root: unknown, into: WeakMap<object, Schema>): void {
  const seen = new Set<unknown>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    const allOf = (node as Schema).allOf;
    if (Array.isArray(allOf)) for (const item of allOf) if (isObject(item)) into.set(item, node as Schema);
    for (const value of Object.values(node)) walk(value);
  };
  walk(root);
}

// The component schemas are the objects ajv validates against (registered as they are): indexed once.
let componentIndex: WeakMap<object, Schema> | undefined;

/** The object schema without its rules between fields: what each field must be on its own. */
function withoutRules(schema: Schema): Schema {
  const { dependentRequired: _pairs, ...rest } = schema;
  if (rest[COMBINATION] !== undefined) {
    delete rest.oneOf;
    delete rest[COMBINATION];
  }
  if (Array.isArray(rest.allOf)) {
    const kept = rest.allOf.filter((item) => !isNotRule(item));
    if (kept.length) rest.allOf = kept;
    else delete rest.allOf;
  }
  return rest;
}

/** "Upload flow or Synthesize flow": the branches' titles, for the combination message. */
function branchTitles(branches: Schema[]): string {
  const titles = branches.map((b, i) => (typeof b.title === "string" ? b.title : `option ${i + 1}`));
  return titles.length > 1 ? `${titles.slice(0, -1).join(", ")} or ${titles.at(-1)}` : titles.join("");
}

/** A `not` rule's message: its description, else its title (Markdown code marks dropped). */
const ruleMessage = (rule: Schema) => (where: string) => {
  const text = String(rule.description ?? rule.title ?? "these fields cannot be sent together").replace(/`/g, "");
  return where ? `${where}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
};

/** A judge for one body validator (`root`: the schema it compiled, for rules written inline). */
export function createCombinationJudge(
  compiler: SchemaCompiler,
  root: unknown,
): (errors: ErrorObject[]) => Judged | null {
  if (!componentIndex) indexAllOf(componentSchemas, (componentIndex = new WeakMap()));
  const local = new WeakMap<object, Schema>();
  indexAllOf(root, local);
  const holderOf = (entry: object) => componentIndex!.get(entry) ?? local.get(entry);

  // Compiled once per (purpose, schema object): these run only on refused requests, but must not
  // compile (and leak into ajv's cache) on every one.
  const caches = new Map<string, WeakMap<object, ValidateFunction>>();
  const compiled = (purpose: string, key: object, schema: () => Schema): ValidateFunction => {
    let cache = caches.get(purpose);
    if (!cache) caches.set(purpose, (cache = new WeakMap()));
    let fn = cache.get(key);
    if (!fn) cache.set(key, (fn = compiler.strict(schema())));
    return fn;
  };
  const from = (at: string, error: ErrorObject): { error: ErrorObject } => ({
    error: { ...error, instancePath: at + error.instancePath },
  });

  return (errors) => {
    const failed = errors.find(
      (e) =>
        e.keyword === "dependentRequired" ||
        ((e.keyword === "oneOf" || e.keyword === "not") &&
          isObject(e.parentSchema) &&
          e.parentSchema[COMBINATION] !== undefined),
    );
    if (!failed) return null;
    const at = failed.instancePath;
    const parent = failed.parentSchema as Schema;
    const holder = failed.keyword === "not" ? holderOf(parent) : parent;
    const data = failed.data;
    if (!holder) {
      // Not found in any schema this validator knows: the rule's own answer, unordered.
      return { combination: parent[COMBINATION] as CombinationError, at, message: ruleMessage(parent) };
    }

    // 1. Each field on its own.
    const fields = compiled("fields", holder, () => withoutRules(holder));
    if (!fields(data)) return from(at, firstRelevant(fields.errors ?? []));

    // 2. Fields that exclude each other, in the order written.
    for (const rule of (holder.allOf as unknown[] | undefined) ?? []) {
      if (!isNotRule(rule)) continue;
      if (!compiled("not", rule, () => ({ not: rule.not }))(data)) {
        return { combination: rule[COMBINATION] as CombinationError, at, message: ruleMessage(rule) };
      }
    }

    // 3. Exactly one branch.
    const branches = holder.oneOf as Schema[] | undefined;
    if (Array.isArray(branches) && holder[COMBINATION] !== undefined) {
      if (!compiled("oneOf", branches, () => ({ oneOf: branches }))(data)) {
        const present = (key: unknown) => isObject(data) && Object.hasOwn(data, String(key));
        const picked = branches.filter((branch) => {
          const selectedBy = (branch[SELECTED_BY] as unknown[] | undefined) ?? [];
          if (selectedBy.length === 0 || !selectedBy.every(present)) return false;
          return compiled("constraints", branch, () => {
            const { required: _r, ...constraints } = branch;
            return constraints;
          })(data);
        });
        if (picked.length === 1) {
          const branch = compiled("branch", picked[0]!, () => picked[0]!);
          if (!branch(data)) return from(at, firstRelevant(branch.errors ?? []));
        }
        return {
          combination: holder[COMBINATION] as CombinationError,
          at,
          message: (where) => `${where || "The request body"} must follow exactly one of: ${branchTitles(branches)}.`,
        };
      }
    }

    // 4. Fields that come in pairs.
    const pairs = holder.dependentRequired;
    if (isObject(pairs)) {
      const check = compiled("pairs", pairs, () => ({ dependentRequired: pairs }));
      if (!check(data)) return from(at, check.errors![0]!);
    }
    return { error: failed };
  };
}
