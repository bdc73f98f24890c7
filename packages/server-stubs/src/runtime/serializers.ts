// Response serialization compiled from the spec's closed response schemas (fast-json-stringify),
// instead of JSON.stringify on every answer.
//
// What the serializer does with a body that does not match its schema, and why that hides nothing
// response validation would catch:
//  - validation on (the default outside production): the body is validated first (prepare), and an
//    off-spec body is a 500 before anything is serialized; what reaches the serializer matches the
//    schema, and the serializer writes it unchanged (test/serializers.test.ts checks every example).
//  - validation off: an undocumented key is never written (the closed world holds in production
//    too, where JSON.stringify used to send it); a value the serializer cannot write as documented
//    (a missing required field, no `oneOf` branch matching, a non-numeric integer) makes it throw,
//    and the responder then sends JSON.stringify's output as before and reports the body as
//    `off_spec_response` (flagged, not refused). Scalars of the wrong type are written in the
//    documented type (e.g. 28 as "28"): only validation reports those.
import fastJsonStringify from "fast-json-stringify";
import type { OperationMeta } from "../contract/meta.js";
import { componentSchemas } from "../generated/operations.gen.js";
import { rewriteRefs, SPEC_ID } from "./schemas.js";

export type Serialize = (body: unknown) => string;
/** Status → serializer of its JSON body. */
export type ResponseSerializers = ReadonlyMap<string, Serialize>;

// fast-json-stringify is CommonJS with a `default` property, as ajv-formats (see schemas.ts).
const build = ((fastJsonStringify as unknown as { default?: typeof fastJsonStringify }).default ??
  fastJsonStringify) as typeof fastJsonStringify;

// The schemas are the generated module's: compiled once per process, shared by every server.
const cache = new Map<string, ResponseSerializers>();
let external: Record<string, unknown> | undefined;

type Node = Record<string, unknown>;
const isNullBranch = (b: unknown) =>
  !!b &&
  // Stryker disable next-line ConditionalExpression: a truthy non-object (string, number, true) has no `type` "null" either
  typeof b === "object" &&
  (b as Node).type === "null" &&
  Object.keys(b).every((k) => k === "type" || k === "description");

/**
 * `oneOf`/`anyOf` of one schema and `{type: "null"}` (how the spec writes "X or null") becomes X
 * marked nullable: fast-json-stringify would otherwise run a validator per branch on every value.
 * Only the serializer's copy changes; validation keeps the spec's schema.
 */
export function nullablesForSerializer(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullablesForSerializer);
  if (!schema || typeof schema !== "object") return schema;
  const out: Node = {};
  for (const [k, v] of Object.entries(schema)) out[k] = nullablesForSerializer(v);
  for (const key of ["oneOf", "anyOf"]) {
    const branches = out[key];
    if (
      !Array.isArray(branches) ||
      branches.length !== 2 ||
      !branches.some(isNullBranch) ||
      branches.every(isNullBranch)
    )
      continue;
    const { [key]: _pair, ...rest } = out;
    return { ...rest, allOf: [branches.find((b) => !isNullBranch(b))], nullable: true };
  }
  return out;
}

const prepare = (schema: unknown) => nullablesForSerializer(rewriteRefs(schema));

export function responseSerializers(meta: OperationMeta): ResponseSerializers {
  let found = cache.get(meta.operationId);
  if (found) return found;
  external ??= { [SPEC_ID]: prepare({ $id: SPEC_ID, components: { schemas: componentSchemas } }) as Node };
  const out = new Map<string, Serialize>();
  for (const [status, r] of Object.entries(meta.responses)) {
    if (r.schema)
      out.set(
        status,
        build(prepare(r.schema) as Parameters<typeof build>[0], { schema: external as never }) as Serialize,
      );
  }
  cache.set(meta.operationId, (found = out));
  return found;
}
