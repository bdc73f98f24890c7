// The JSON Schema 2020-12 validator over the bundle (formats on), shared by every test that checks
// values against the spec's schemas, so they all judge with the same rules.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import type { Json } from "./bundle.js";

export function specValidator(spec: Json) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(spec, "openapi");
  return {
    /** A validator for the schema at a JSON pointer into the bundle, compiled once. */
    at(schemaRef: string): ValidateFunction {
      return ajv.getSchema(schemaRef) ?? ajv.compile({ $ref: schemaRef });
    },
  };
}

/** `openapi#/a/b` with each part escaped as a JSON pointer token. */
export const pointer = (...parts: string[]) =>
  "openapi#/" + parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
