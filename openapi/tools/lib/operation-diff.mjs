// Walks two bundled OpenAPI documents operation by operation and collects breaking findings:
// operations, parameters, request bodies, responses (statuses, headers, media types, bodies).
// Everything is judged per operation, so each finding names the operationIds it affects.
// $refs resolve as the spec model resolves them (one implementation). Operations are walked here,
// not read through the model: the diff must also read candidates the model would refuse outright.
import { deref } from "../../../scripts/codegen/spec-model.mjs";
import { RULES } from "./rules.mjs";
import { compareSchemas } from "./schema-diff.mjs";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** `/v1/characters/{id}` and `/v1/characters/{character_id}` are the same path on the wire. */
const pathShape = (path) => path.replace(/\{[^}]+\}/g, "{}");

function indexPaths(spec) {
  const out = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {}))
    out.set(pathShape(path), { path, item: deref(spec, item) });
  return out;
}

/** A path parameter is identified by its position in the template, so renaming it is no change. */
function parameterKey(path, p) {
  if (p.in === "path") return `path#${path.match(/\{[^}]+\}/g)?.indexOf(`{${p.name}}`) ?? -1}`;
  return `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
}

function parameters(spec, path, item, operation) {
  const out = new Map();
  for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const p = deref(spec, raw);
    out.set(parameterKey(path, p), p); // operation-level parameters override path-level ones
  }
  return out;
}

const parameterSchema = (p) => p.schema ?? Object.values(p.content ?? {})[0]?.schema;
const isErrorStatus = (status) => /^[45]/.test(status) || status === "default";

function formatPath(path) {
  let out = "";
  for (const segment of path) {
    if (segment.startsWith("(")) out += out ? ` ${segment}` : segment;
    else if (segment === "[]" || segment === "{}") out += segment;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

function makeContext(before, after, findings, operation, operationIds) {
  return (where, extra = {}) => ({
    before,
    after,
    ...extra,
    report(rule, path, was, now) {
      if (!RULES[rule]) throw new Error(`unknown rule ${rule}`);
      const field = formatPath(path);
      // "response 200 application/json: data[].name (maxLength)", or "parameter path id (pattern)" at the root
      const location = !field ? where : field.startsWith("(") ? `${where} ${field}` : `${where}: ${field}`;
      findings.push({ rule, operation, operationIds, location, before: was, after: now });
    },
  });
}

function compareOperation(before, after, findings, entry) {
  const { bPath, aPath, method, bItem, aItem } = entry;
  const b = bItem[method];
  const a = aItem[method];
  const operation = `${method.toUpperCase()} ${aPath}`;
  const operationIds = [...new Set([b.operationId, a.operationId].filter(Boolean))];
  const ctx = makeContext(before, after, findings, operation, operationIds);
  const note = (rule, where, was, now) => ctx(where).report(rule, [], was, now);

  if (b.operationId !== a.operationId)
    note("operation-id-changed", "operationId", String(b.operationId), String(a.operationId));

  const bParams = parameters(before, bPath, bItem, b);
  const aParams = parameters(after, aPath, aItem, a);
  for (const [key, bp] of bParams) {
    const where = `parameter ${bp.in} ${bp.name}`;
    const ap = aParams.get(key);
    if (!ap) {
      note("request-parameter-removed", where, "accepted", "removed");
      continue;
    }
    if (ap.required && !bp.required) note("request-parameter-required", where, "optional", "required");
    const bs = parameterSchema(bp);
    const as = parameterSchema(ap);
    if (bs && as) compareSchemas(ctx(where, { direction: "request" }), bs, as);
  }
  for (const [key, ap] of aParams) {
    if (!bParams.has(key) && ap.required)
      note("request-parameter-required", `parameter ${ap.in} ${ap.name}`, "absent", "required");
  }

  const bBody = deref(before, b.requestBody);
  const aBody = deref(after, a.requestBody);
  if (aBody?.required && !bBody?.required)
    note("request-body-required", "request body", bBody ? "optional" : "absent", "required");
  for (const [media, content] of Object.entries(bBody?.content ?? {})) {
    const where = `request body ${media}`;
    const other = aBody?.content?.[media];
    if (!other) note("request-media-type-removed", where, "accepted", "removed");
    else if (content.schema && other.schema)
      compareSchemas(ctx(where, { direction: "request" }), content.schema, other.schema);
  }

  for (const [status, bRaw] of Object.entries(b.responses ?? {})) {
    const aRaw = a.responses?.[status];
    if (!aRaw) {
      note("response-status-removed", `response ${status}`, "documented", "removed");
      continue;
    }
    compareResponse(ctx, status, deref(before, bRaw), deref(after, aRaw), before, after);
  }
  for (const status of Object.keys(a.responses ?? {})) {
    if (!b.responses?.[status]) note("response-status-added", `response ${status}`, "not documented", "documented");
  }
}

function compareResponse(ctx, status, b, a, before, after) {
  const note = (rule, where, was, now) => ctx(where).report(rule, [], was, now);
  const aHeaders = new Map(Object.entries(a.headers ?? {}).map(([name, h]) => [name.toLowerCase(), deref(after, h)]));
  for (const [name, raw] of Object.entries(b.headers ?? {})) {
    const where = `response ${status} header ${name}`;
    const bh = deref(before, raw);
    const ah = aHeaders.get(name.toLowerCase());
    if (!ah) {
      note("response-header-removed", where, "sent", "removed");
      continue;
    }
    if (bh.required && !ah.required) note("response-header-made-optional", where, "required", "optional");
    const bs = parameterSchema(bh);
    const as = parameterSchema(ah);
    if (bs && as) compareSchemas(ctx(where, { direction: "response" }), bs, as);
  }
  for (const [media, content] of Object.entries(b.content ?? {})) {
    const where = `response ${status} ${media}`;
    const other = a.content?.[media];
    if (!other) note("response-media-type-removed", where, "produced", "removed");
    else if (content.schema && other.schema) {
      const errorCodeAt = isErrorStatus(status) ? "error.code" : undefined;
      compareSchemas(ctx(where, { direction: "response", errorCodeAt }), content.schema, other.schema);
    }
  }
}

/** Every breaking difference from `before` to `after`, deduplicated, in document order. */
export function diffSpecs(before, after) {
  const findings = [];
  const afterPaths = indexPaths(after);
  for (const [shape, { path: bPath, item: bItem }] of indexPaths(before)) {
    const match = afterPaths.get(shape);
    for (const method of HTTP_METHODS) {
      const b = bItem[method];
      if (!b) continue;
      const operation = `${method.toUpperCase()} ${bPath}`;
      const base = { operation, operationIds: b.operationId ? [b.operationId] : [] };
      if (!match) findings.push({ rule: "path-removed", ...base, location: "path", before: bPath, after: "removed" });
      else if (!match.item[method])
        findings.push({
          rule: "operation-removed",
          ...base,
          location: "operation",
          before: "present",
          after: "removed",
        });
      else compareOperation(before, after, findings, { bPath, aPath: match.path, method, bItem, aItem: match.item });
    }
  }
  const seen = new Set();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.operation}|${f.location}`;
    return !seen.has(key) && seen.add(key);
  });
}
