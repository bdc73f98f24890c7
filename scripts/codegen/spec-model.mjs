// The spec model: the one reader of the bundled contract (openapi/dist/openapi.json). It turns the
// document into a flat, typed list of operations — parameters, bodies, every documented (status,
// code), headers, security, the x-aurous-* extensions, examples and links — and every generator,
// checker and test that needs the spec reads this instead of walking the document itself.
// Types: spec-model.d.mts. Plain ESM so that generator scripts run it with bare `node`; the
// contract-tests bundle inlines it (as it does closed-world.mjs).
import { readFileSync } from "node:fs";

/** The methods an operation may use, in the order operations are listed within a path. */
export const HTTP_METHODS = ["get", "put", "post", "patch", "delete"];

export function resolvePointer(doc, ref) {
  if (!ref.startsWith("#/"))
    throw new Error(`only local $refs are supported, found "${ref}" (read a bundled document)`);
  let node = doc;
  for (const raw of ref.slice(2).split("/")) {
    node = node?.[decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~")];
    if (node === undefined) throw new Error(`unresolved $ref "${ref}"`);
  }
  return node;
}

/** Follows a `$ref` chain to the first node without one. */
export function deref(doc, node) {
  const seen = new Set();
  let current = node;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref "${current.$ref}"`);
    seen.add(current.$ref);
    current = resolvePointer(doc, current.$ref);
  }
  return current;
}

const componentName = (node) =>
  node && typeof node.$ref === "string" && node.$ref.startsWith("#/components/")
    ? node.$ref.slice(node.$ref.lastIndexOf("/") + 1)
    : null;

/**
 * The `error.type` const and `error.code` enum of an error envelope
 * (`{error: allOf[ErrorDetail, {type: {const}, code: {enum}}]}`); null when the schema is no such envelope.
 */
export function errorShapeOf(doc, schema) {
  const envelope = deref(doc, schema);
  const error = deref(doc, envelope?.properties?.error);
  if (!error) return null;
  let type = null;
  let codes = null;
  for (const part of error.allOf ?? [error]) {
    if (part.$ref) continue; // ErrorDetail itself: the full, un-narrowed enum
    const props = deref(doc, part)?.properties;
    if (typeof props?.type?.const === "string") type = props.type.const;
    if (Array.isArray(props?.code?.enum)) codes = props.code.enum;
  }
  return type && codes ? { type, codes } : null;
}

function namedValues(doc, examples) {
  return Object.fromEntries(Object.entries(examples ?? {}).map(([name, ex]) => [name, deref(doc, ex).value]));
}

function readMedia(doc, content) {
  return Object.entries(content ?? {}).map(([contentType, media]) => {
    const schema = media.schema ?? null;
    const resolved = schema ? deref(doc, schema) : null;
    return {
      contentType,
      schema,
      schemaName: componentName(schema),
      // Raw bytes rather than a JSON document: chosen by what the spec says, not by an operation's name.
      binary: resolved?.format === "binary" || typeof resolved?.contentMediaType === "string",
      examples: namedValues(doc, media.examples),
    };
  });
}

function readHeaders(doc, headers) {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, raw]) => {
      const header = deref(doc, raw);
      return [
        name,
        { required: header.required === true, schema: header.schema ?? {}, description: header.description ?? "" },
      ];
    }),
  );
}

function readResponse(doc, operationId, statusText, raw) {
  const status = Number(statusText);
  if (!Number.isInteger(status)) throw new Error(`${operationId}: unsupported response key ${statusText}`);
  const response = deref(doc, raw);
  const media = readMedia(doc, response.content);
  const json = media.find((m) => m.contentType === "application/json") ?? null;
  const out = {
    status,
    kind: status >= 400 ? "error" : "success",
    description: String(response.description ?? ""),
    componentName: componentName(raw),
    headers: readHeaders(doc, response.headers),
    media,
    contentType: media[0]?.contentType ?? null,
    // Raw bytes (an image download), as for request bodies: every medium is binary.
    binary: media.length > 0 && media.every((m) => m.binary),
    schema: json?.schema ?? media[0]?.schema ?? null,
    schemaName: json?.schemaName ?? null,
    examples: json?.examples ?? media[0]?.examples ?? {},
    links: Object.fromEntries(Object.entries(response.links ?? {}).map(([name, link]) => [name, deref(doc, link)])),
    errorType: null,
    codes: [],
  };
  if (out.kind === "error") {
    const shape = json ? errorShapeOf(doc, json.schema) : null;
    if (!shape) throw new Error(`${operationId} ${status}: an error response must narrow error.type and error.code`);
    out.errorType = shape.type;
    out.codes = shape.codes;
  }
  return out;
}

function readParameter(doc, raw) {
  const p = deref(doc, raw);
  return {
    name: String(p.name),
    in: p.in,
    required: p.required === true,
    schema: p.schema ?? {},
    description: p.description ?? "",
    // What errors call it in `param` (x-aurous-error-param), when that is not its own name.
    errorParam: p["x-aurous-error-param"] ?? String(p.name),
    example: p.example,
    examples: namedValues(doc, p.examples),
  };
}

function readSecurity(doc, requirements) {
  const schemes = doc.components?.securitySchemes ?? {};
  return requirements.map((requirement) =>
    Object.keys(requirement).map((name) => {
      const scheme = schemes[name];
      if (!scheme) throw new Error(`security requirement names an undeclared scheme ${name}`);
      return {
        name,
        type: scheme.type,
        in: scheme.in ?? null,
        paramName: scheme.name ?? null,
        scheme: scheme.scheme ?? null,
      };
    }),
  );
}

/**
 * `api-key` when any alternative is the API key (header or bearer); `signed-url` when the only
 * credentials travel in the URL's query (the storage PUT: no key, no rate limit, no version).
 */
function credentialOf(security) {
  const schemes = security.flat();
  if (schemes.length > 0 && schemes.every((s) => s.type === "apiKey" && s.in === "query")) return "signed-url";
  return "api-key";
}

/**
 * The URL-token alternative of an API-key operation: a requirement that is one `apiKey` scheme in
 * the query (a signed token in an output URL, standing in for the key so that a browser can load it).
 * Null when the operation has none, and on signed-URL operations (there the query is the only credential).
 */
function urlTokenOf(security, credential) {
  if (credential !== "api-key") return null;
  const alternative = security.find((r) => r.length === 1 && r[0].type === "apiKey" && r[0].in === "query");
  return alternative ? { paramName: alternative[0].paramName } : null;
}

function readSdk(operationId, op) {
  const sdk = op["x-aurous-sdk"];
  if (typeof sdk?.resource !== "string" || typeof sdk?.method !== "string") {
    throw new Error(`${operationId}: x-aurous-sdk { resource, method } is missing (the client's name for it)`);
  }
  return { resource: sdk.resource, method: sdk.method };
}

function readOperation(doc, path, item, method) {
  const op = item[method];
  const operationId = String(op.operationId);
  const params = new Map();
  for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const p = readParameter(doc, raw);
    params.set(`${p.in}:${p.name}`, p); // an operation-level parameter overrides the path's
  }
  const parameters = [...params.values()];
  const body = op.requestBody ? deref(doc, op.requestBody) : null;
  const security = readSecurity(doc, op.security ?? doc.security ?? []);
  const responses = Object.entries(op.responses ?? {}).map(([status, raw]) =>
    readResponse(doc, operationId, status, raw),
  );
  const successes = responses.filter((r) => r.kind === "success");
  if (successes.length !== 1)
    throw new Error(`${operationId}: exactly one success response is supported, found ${successes.length}`);
  const bodyMedia = body ? readMedia(doc, body.content) : [];
  return {
    operationId,
    sdk: readSdk(operationId, op),
    method,
    httpMethod: method.toUpperCase(),
    path,
    routePath: path.replace(/\{([^}]+)\}/g, ":$1"),
    pathParamNames: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
    summary: String(op.summary ?? ""),
    description: String(op.description ?? ""),
    tags: op.tags ?? [],
    servers: (op.servers ?? item.servers ?? null)?.map((s) => s.url) ?? null,
    security,
    credential: credentialOf(security),
    urlToken: urlTokenOf(security, credentialOf(security)),
    versioned: parameters.some((p) => p.in === "header" && p.name === "Aurous-Version"),
    scope: op["x-aurous-scope"] ?? null,
    rateLimit: op["x-aurous-rate-limit"] ?? null,
    creditCost: op["x-aurous-credit-cost"] ?? null,
    idempotency: op["x-aurous-idempotency"] ?? { honours_key: false },
    validationErrorCode: op["x-aurous-validation-error-code"] ?? null,
    parameters,
    requestBody: body
      ? {
          required: body.required === true,
          media: bodyMedia,
          contentTypes: bodyMedia.map((m) => m.contentType),
          binary: bodyMedia.length > 0 && bodyMedia.every((m) => m.binary),
          jsonSchema: bodyMedia.find((m) => m.contentType === "application/json")?.schema ?? null,
        }
      : null,
    responses,
    success: successes[0],
    errors: responses.filter((r) => r.kind === "error"),
    extensions: Object.fromEntries(Object.entries(op).filter(([key]) => key.startsWith("x-"))),
  };
}

/** Reads a bundled OpenAPI 3.1 document into the model. Throws on anything the toolkit cannot serve. */
export function readSpecModel(doc) {
  if (!String(doc?.openapi ?? "").startsWith("3.1") || typeof doc.paths !== "object") {
    throw new Error("not an OpenAPI 3.1 document");
  }
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) if (item[method]) operations.push(readOperation(doc, path, item, method));
  }
  const ids = new Set();
  const sdkNames = new Set();
  for (const op of operations) {
    if (ids.has(op.operationId)) throw new Error(`duplicate operationId ${op.operationId}`);
    ids.add(op.operationId);
    const sdkName = `${op.sdk.resource}.${op.sdk.method}`;
    if (sdkNames.has(sdkName)) throw new Error(`${op.operationId}: x-aurous-sdk ${sdkName} is already taken`);
    sdkNames.add(sdkName);
  }
  const versions = doc["x-aurous-versions"] ?? [];
  return {
    document: doc,
    version: doc.info.version,
    releasedVersions: versions.map((v) => v.version),
    limits: doc["x-aurous-limits"] ?? null,
    operations,
    operation(operationId) {
      const op = operations.find((o) => o.operationId === operationId);
      if (!op) throw new Error(`no operation ${operationId} in the spec`);
      return op;
    },
  };
}

export function loadSpecModel(path) {
  return readSpecModel(JSON.parse(readFileSync(path, "utf8")));
}
