// The one JSON Schema set-up over the bundle (Ajv, 2020-12 dialect: OpenAPI 3.1 schemas are
// 2020-12), used by the contract tests' response validator and the spec's own tests, so both
// judge values by the same rules. The whole document is registered under SPEC_ID; an inline schema
// (a response's, a body's) is compiled with its `#/...` refs re-rooted on that document.
// Ajv is passed in: this file sits outside every package and cannot import their dependencies.
// Types: json-schema.d.mts. (The server stubs keep their own in src/runtime/schemas.ts.)
import { closeObjects } from "./closed-world.mjs";

export const SPEC_ID = "urn:aurous:openapi";

/** A copy of `node` whose local refs (`#/...`) point into the document registered as `id`. */
export function rebaseRefs(node, id = SPEC_ID) {
  if (Array.isArray(node)) return node.map((item) => rebaseRefs(item, id));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${id}${value}` : rebaseRefs(value, id);
  }
  return out;
}

/** `urn:aurous:openapi#/a/b`, each part escaped as a JSON pointer token. */
export function specPointer(...parts) {
  return `${SPEC_ID}#/${parts.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

/**
 * An Ajv over `doc`. `closedWorld`: every open object schema is closed (closed-world.mjs), so a
 * field the spec does not list is flagged — what the contract tests want of a deployment.
 */
export function specAjv({ Ajv2020, addFormats }, doc, { closedWorld = false } = {}) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  // ajv-formats is CommonJS: under ESM interop its function may arrive as `.default`.
  (addFormats.default ?? addFormats)(ajv);
  const int = (bits) => ({
    type: "number",
    validate: (n) => Number.isInteger(n) && n >= -(2 ** (bits - 1)) && n <= 2 ** (bits - 1) - 1,
  });
  ajv.addFormat("int32", int(32));
  ajv.addFormat("int64", { type: "number", validate: (n) => Number.isInteger(n) });
  ajv.addFormat("double", { type: "number", validate: (n) => Number.isFinite(n) });
  ajv.addFormat("binary", () => true);
  const close = (schema) => (closedWorld ? closeObjects(schema) : schema);
  ajv.addSchema({ ...doc, $id: SPEC_ID, components: close(doc.components ?? {}) }, SPEC_ID);
  const compiled = new Map();
  return {
    ajv,
    /** A validator of an inline schema of the document (compiled once per schema object). */
    compile(schema) {
      let fn = compiled.get(schema);
      if (!fn) compiled.set(schema, (fn = ajv.compile(rebaseRefs(close(schema)))));
      return fn;
    },
    /** A validator of the schema at a pointer (specPointer) into the document, compiled once. */
    at(pointer) {
      return ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    },
  };
}
