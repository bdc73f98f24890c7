// Local `$ref` resolution inside one bundled document (the bundle keeps shared parts as
// `#/components/...` references; external files are already inlined by `redocly bundle`).

function decodeSegment(segment) {
  return decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
}

export function resolveRef(doc, ref) {
  if (!ref.startsWith("#")) throw new Error(`only local $refs can be compared, found "${ref}" (compare bundled documents)`);
  let node = doc;
  for (const segment of ref.slice(1).split("/").slice(1)) {
    node = node?.[decodeSegment(segment)];
    if (node === undefined) throw new Error(`unresolved $ref "${ref}"`);
  }
  return node;
}

/**
 * Follows the `$ref` chain of a parameter, request body, response or header. Sibling keys of a
 * reference there can only be summary/description (OpenAPI 3.1), which carry no contract.
 */
export function deref(doc, node) {
  const seen = new Set();
  let current = node;
  while (current && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref "${current.$ref}"`);
    seen.add(current.$ref);
    current = resolveRef(doc, current.$ref);
  }
  return current;
}
