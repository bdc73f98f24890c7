// The spec describes the real API, whose responses may gain fields (an additive change): its
// response objects are open. Our own server must send only what the spec lists, and the contract
// tests must flag anything else, so both validate against a "closed world" copy of the schemas.
//
// closeObjects adds `unevaluatedProperties: false` to every object schema that lists properties
// and says nothing about other keys. Direct members of allOf/oneOf/anyOf/if/then/else/not are left
// open: they describe part of an object (a flow, a pair, the code of an error), and the schema that
// combines them is closed instead, where `unevaluatedProperties` sees what every member evaluated.
// Shared by the server stubs' generator and the contract tests' validator.
const COMBINATORS = new Set(["allOf", "oneOf", "anyOf", "if", "then", "else", "not"]);

// Only a schema that lists fields can say which are documented: a bare `type: object` (a branch
// saying "attributes must be an object") stays as it is.
function isOpenObject(node) {
  const declares = node.properties !== undefined || Array.isArray(node.allOf);
  return (
    declares &&
    node.additionalProperties === undefined &&
    node.unevaluatedProperties === undefined &&
    node.$ref === undefined
  );
}

export function closeObjects(schema, { isMember = false } = {}) {
  if (Array.isArray(schema)) return schema.map((item) => closeObjects(item));
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "examples" || key === "example" || key === "const" || key === "enum" || key === "default")
      out[key] = value;
    else if (COMBINATORS.has(key)) {
      out[key] = Array.isArray(value)
        ? value.map((member) => closeObjects(member, { isMember: true }))
        : closeObjects(value, { isMember: true });
    } else if (key === "properties" || key === "$defs" || key === "patternProperties" || key === "dependentSchemas") {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeObjects(sub)]));
    } else out[key] = closeObjects(value);
  }
  if (!isMember && isOpenObject(schema)) out.unevaluatedProperties = false;
  return out;
}
