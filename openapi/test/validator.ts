// The JSON Schema 2020-12 validator over the bundle, shared by every test that checks values
// against the spec's schemas: the one Ajv set-up of scripts/codegen/json-schema.mjs (the contract
// tests use it too), with the spec's open world (real responses may gain fields).
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { specAjv, specPointer } from "../../scripts/codegen/json-schema.mjs";
import type { Json } from "./bundle.js";

export function specValidator(spec: Json) {
  return specAjv({ Ajv2020, addFormats }, spec);
}

/** A pointer into the bundle for `specValidator(...).at`, each part escaped as a JSON pointer token. */
export const pointer = specPointer;
