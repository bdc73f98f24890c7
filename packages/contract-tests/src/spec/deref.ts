// `$ref` resolution is the spec model's (one implementation for every reader of the bundle).
export { deref, resolvePointer } from "../../../../scripts/codegen/spec-model.mjs";
