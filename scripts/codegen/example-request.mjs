// A valid request for any operation, from the spec's own examples: what the docs' code samples
// show, what the contract tests send and what the client's tests call. One place decides which
// example wins (an explicit `example`, then the first named one, then the schema's), so the three
// never disagree. Types: example-request.d.mts.
import { deref } from "./spec-model.mjs";

/** The parameter's documented example: its `example`, its first named one, else its schema's. */
export function parameterExample(doc, parameter) {
  if (!parameter) return undefined;
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples ?? {});
  if (named.length > 0) return named[0];
  const schema = deref(doc, parameter.schema);
  return schema?.examples?.[0] ?? schema?.example;
}

/** The first example of the component schema `name` (e.g. `CharacterId`): one id every tool shares. */
export function schemaExample(doc, name) {
  const schema = deref(doc, doc.components?.schemas?.[name]);
  const value = schema?.examples?.[0] ?? schema?.example;
  if (value === undefined) throw new Error(`component schema ${name} is missing or has no example`);
  return value;
}

/** The JSON body's first named example, else its schema's `examples[0]` / `example`. */
export function bodyExample(doc, op) {
  const media = op.requestBody?.media.find((m) => m.contentType === "application/json");
  if (!media) return undefined;
  const named = Object.values(media.examples);
  if (named.length > 0) return named[0];
  const schema = deref(doc, media.schema);
  return schema?.examples?.[0] ?? schema?.example;
}

/**
 * The example call of `op` under the client's signature rule: one string per path parameter in
 * path order, then the input (the JSON body if there is one, else the query if the operation has
 * query parameters, else nothing). `skipQuery` leaves out parameters a first call cannot know
 * (a page cursor).
 */
export function exampleCall(doc, op, { skipQuery = [] } = {}) {
  const pathArgs = op.pathParamNames.map((name) => {
    const value = parameterExample(
      doc,
      op.parameters.find((p) => p.in === "path" && p.name === name),
    );
    if (value === undefined) throw new Error(`${op.operationId}: path parameter {${name}} has no example`);
    return String(value);
  });
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const query = {};
  for (const p of queryParams) {
    if (skipQuery.includes(p.name)) continue;
    const value = parameterExample(doc, p);
    if (value !== undefined) query[p.name] = value;
  }
  const hasJsonBody = op.requestBody?.contentTypes.includes("application/json") === true;
  const body = hasJsonBody ? bodyExample(doc, op) : undefined;
  let input;
  if (hasJsonBody) input = body ?? {};
  else if (queryParams.length > 0 && op.credential !== "signed-url") input = query;
  let i = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathArgs[i++]));
  return {
    pathArgs,
    path,
    query,
    body,
    hasJsonBody,
    hasQuery: queryParams.length > 0,
    args: input === undefined ? pathArgs : [...pathArgs, input],
  };
}
