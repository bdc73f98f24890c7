// JSON Schema validation of responses and header values against the bundle, with Ajv's 2020-12
// dialect (OpenAPI 3.1 schemas are 2020-12). Inline schemas are re-rooted on the whole document so
// their `#/components/...` refs resolve.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsImport from "ajv-formats";
import { closeObjects } from "../../../../scripts/codegen/closed-world.mjs";
import type { JsonSchema, OpenApiDocument } from "../spec/types.js";

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (ajv: Ajv2020) => void;

const SPEC_ID = "urn:aurous:openapi";

function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `${SPEC_ID}${v}` : rebase(v);
    }
    return out;
  }
  return node;
}

export interface SchemaIssue {
  path: string;
  message: string;
}

export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<unknown, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    const int = (bits: number) => ({
      type: "number" as const,
      validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** (bits - 1),
    });
    this.ajv.addFormat("int32", int(32));
    this.ajv.addFormat("int64", int(64));
    this.ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat("binary", () => true);
    // Only components are referenced; registering them alone keeps Ajv away from `paths`. Closed
    // world: a field the spec does not list is flagged, although the spec lets the real API add
    // fields, because the contract tests exist to find where a deployment and the spec differ.
    this.ajv.addSchema({ $id: SPEC_ID, components: rebase(closeObjects(doc.components)) } as object);
  }

  validate(schema: JsonSchema, value: unknown): SchemaIssue[] {
    let fn = this.cache.get(schema);
    if (!fn) {
      fn = this.ajv.compile(rebase(closeObjects(schema)) as object);
      this.cache.set(schema, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => ({
      path: e.instancePath || "/",
      message: `${e.message ?? "invalid"}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as unknown[]).join(", ")})` : ""}`,
    }));
  }
}
