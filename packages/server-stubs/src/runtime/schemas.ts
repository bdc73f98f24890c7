// Ajv instances loaded with the bundle's component schemas. Operation schemas keep the bundle's
// `#/components/schemas/X` references; they are rewritten to point into the registered document.

import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import type { JsonSchema } from "../contract/meta.js";
import { componentSchemas } from "../generated/operations.gen.js";

export const SPEC_ID = "aurous-spec";

// ajv-formats is CommonJS with a `default` property on the exported function, which is what both
// module systems and TypeScript agree on.
const addFormats = ajvFormats.default;

/** String formats the runtime checks (ajv-formats); a test holds them to the formats the spec uses. */
export const CHECKED_FORMATS = ["date-time", "date", "uri", "email"] as const;
/** OpenAPI numeric/binary formats: no constraint beyond their schema's bounds. */
export const ANNOTATION_FORMATS = ["int32", "int64", "double", "float", "binary"] as const;

function createAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false, // OpenAPI annotations (examples, contentMediaType…) are not validation keywords
    allErrors: false, // the first failure is what the envelope reports
    verbose: true, // failures carry their schema and data: an unknown key's message lists every unknown key
    coerceTypes: coerce, // path, query and header values arrive as strings
    useDefaults: coerce, // query defaults (limit = 20) reach the handler
    validateFormats: true,
  });
  addFormats(ajv, [...CHECKED_FORMATS]);
  for (const f of ANNOTATION_FORMATS) ajv.addFormat(f, true);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: componentSchemas } });
  return ajv;
}

/** Deep copy of a schema with bundle-local references redirected to the registered spec. */
export function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (schema && typeof schema === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) {
      out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? SPEC_ID + v : rewriteRefs(v);
    }
    return out;
  }
  return schema;
}

export interface SchemaCompiler {
  /** For JSON bodies and responses: no coercion, no defaults. */
  strict(schema: JsonSchema): ValidateFunction;
  /** For path, query and header values: strings coerced to the schema's types, defaults applied. */
  coercing(schema: JsonSchema): ValidateFunction;
}

export function createSchemaCompiler(): SchemaCompiler {
  const plain = createAjv(false);
  const coercing = createAjv(true);
  return {
    strict: (schema) => plain.compile(rewriteRefs(schema) as JsonSchema),
    coercing: (schema) => coercing.compile(rewriteRefs(schema) as JsonSchema),
  };
}
