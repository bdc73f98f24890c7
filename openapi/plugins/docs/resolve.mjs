// Follows the local `$ref`s of a bundled document (`#/components/...`): the docs decorators read
// the bundle, whose refs all point inside it.
export function resolve(doc, node) {
  let current = node;
  for (let hops = 0; current && typeof current === "object" && typeof current.$ref === "string"; hops++) {
    if (hops > 20 || !current.$ref.startsWith("#/")) throw new Error(`cannot resolve ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((at, key) => at?.[key], doc);
  }
  return current;
}

export const METHODS = ["get", "put", "post", "patch", "delete"];

/** Every operation of the document with its path and method. */
export function* operationsOf(doc) {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) if (item[method]) yield { path, method, item, op: item[method] };
  }
}
