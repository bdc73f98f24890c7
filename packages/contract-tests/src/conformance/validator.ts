// JSON Schema validation of responses and header values against the bundle, through the one
// shared Ajv set-up (scripts/codegen/json-schema.mjs; tsup inlines it). Closed world: a field the
// spec does not list is flagged, although the spec lets the real API add fields, because the
// contract tests exist to find where a deployment and the spec differ.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type SpecAjv, specAjv } from "../../../../scripts/codegen/json-schema.mjs";
import type { JsonSchema, OpenApiDocument } from "../spec/types.js";

export interface SchemaIssue {
  path: string;
  message: string;
}

export class SpecValidator {
  private readonly schemas: SpecAjv;

  constructor(doc: OpenApiDocument) {
    this.schemas = specAjv({ Ajv2020, addFormats }, doc, { closedWorld: true });
  }

  validate(schema: JsonSchema, value: unknown): SchemaIssue[] {
    const fn = this.schemas.compile(schema);
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => ({
      path: e.instancePath || "/",
      message: `${e.message ?? "invalid"}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as unknown[]).join(", ")})` : ""}`,
    }));
  }
}
