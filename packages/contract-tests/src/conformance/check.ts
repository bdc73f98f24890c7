// Decides whether one response is documented for its operation: status, error code, body shape,
// headers (required ones present and valid, nothing undocumented), and whatever Prism flagged.
// Each finding names the problem precisely, since the suite's verdict quotes them.
import { type Exchange, errorOf } from "../http/exchange.js";
import type { OperationModel, ResponseModel } from "../spec/operations.js";
import { prismProblem, prismViolations } from "./prism-violations.js";
import type { SpecValidator } from "./validator.js";

export type ProblemKind = "status" | "code" | "shape" | "header" | "prism" | "expectation";

export interface Problem {
  kind: ProblemKind;
  message: string;
}

/** Transport and CORS headers that any HTTP server may add; everything else must be documented. */
const GENERIC_HEADERS = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "date",
  "connection",
  "keep-alive",
  "vary",
  "cache-control",
  "etag",
  "last-modified",
  "server",
  "sl-violations", // Prism's own report, read separately
]);

function isGeneric(name: string): boolean {
  return GENERIC_HEADERS.has(name) || name.startsWith("access-control-");
}

function headerValue(schema: unknown, raw: string): unknown {
  const type = (schema as { type?: unknown } | undefined)?.type;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

/** The media type of a Content-Type header, without parameters, lower-cased. */
const mediaTypeOf = (header: string | undefined) => (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/** A body that parses as a JSON object or array (what an error envelope or a JSON success would be). */
function looksLikeJson(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Binary media are judged by what can be said of bytes: the Content-Type is one of the documented
 * media, the body is not empty, and it is not a JSON document (a JSON schema of `format: binary`
 * says nothing about them, so they are never schema-validated).
 */
function binaryBodyProblems(prefix: string, response: ResponseModel, x: Exchange): Problem[] {
  const problems: Problem[] = [];
  const documented = response.media.map((m) => m.contentType.toLowerCase());
  const ct = mediaTypeOf(x.headers["content-type"]);
  if (!documented.includes(ct)) {
    problems.push({
      kind: "shape",
      message: `${prefix}: content-type "${x.headers["content-type"] ?? ""}" is not a documented medium (documented: ${documented.join(", ")})`,
    });
  }
  const size = x.bodyBytes?.length ?? x.bodyText.length;
  if (size === 0) {
    problems.push({ kind: "shape", message: `${prefix}: empty body (documented: ${documented.join(", ")} bytes)` });
  } else if (x.json !== undefined || looksLikeJson(x.bodyText)) {
    problems.push({
      kind: "shape",
      message: `${prefix}: a JSON body where the spec documents ${documented.join(", ")} bytes: ${x.bodyText.slice(0, 120)}`,
    });
  }
  return problems;
}

export interface CheckOptions {
  /** The request was deliberately invalid: Prism's request-side findings are expected, not failures. */
  requestInvalidOnPurpose?: boolean;
}

export function checkResponse(
  op: OperationModel,
  x: Exchange,
  validator: SpecValidator,
  options: CheckOptions = {},
): Problem[] {
  const problems: Problem[] = [];
  const prefix = `${op.operationId} ${x.status}`;

  const generated = prismProblem(x);
  // With --errors Prism replaces a non-conforming response by its own 500: name the operation,
  // not Prism's status, and quote Prism's findings.
  const where = generated ? `${op.operationId} (response refused by Prism)` : prefix;
  if (generated && !generated.validation?.length && !options.requestInvalidOnPurpose) {
    problems.push({
      kind: "prism",
      message: `${where}: Prism answered itself (${generated.title}${generated.detail ? `: ${generated.detail}` : ""})`,
    });
  }
  for (const v of prismViolations(x)) {
    if (v.side === "request" && options.requestInvalidOnPurpose) continue;
    problems.push({
      kind: "prism",
      message: `${where}: Prism flagged the ${v.side} at ${v.location || v.side}: ${v.message}`,
    });
  }
  if (generated) return problems; // the body is Prism's, not the server's: nothing more to judge

  const response = op.responses.find((r) => r.status === x.status);
  if (!response) {
    problems.push({
      kind: "status",
      message: `${prefix}: undocumented status ${x.status} (documented: ${op.responses.map((r) => r.status).join(", ")})`,
    });
    return problems;
  }

  // Body.
  // Every documented medium is raw bytes (`format: binary`, the spec model's `binary`): the output image.
  if (response.binary) {
    problems.push(...binaryBodyProblems(prefix, response, x));
  } else if (response.schema) {
    const ct = x.headers["content-type"] ?? "";
    if (!ct.toLowerCase().startsWith(response.contentType ?? "application/json")) {
      problems.push({
        kind: "shape",
        message: `${prefix}: content-type "${ct}" (documented: ${response.contentType})`,
      });
    }
    if (x.json === undefined) {
      problems.push({ kind: "shape", message: `${prefix}: body is not JSON: ${x.bodyText.slice(0, 200)}` });
    } else {
      const error = errorOf(x);
      if (response.codes.length > 0 && error?.code !== undefined && !response.codes.includes(error.code)) {
        problems.push({
          kind: "code",
          message: `${prefix}: undocumented error code "${error.code}" (documented for ${op.operationId} ${x.status}: ${response.codes.join(", ")})`,
        });
      }
      for (const issue of validator.validate(response.schema, x.json)) {
        // The enum finding for error.code is already reported above with the documented list.
        if (
          issue.path === "/error/code" &&
          response.codes.length > 0 &&
          error?.code &&
          !response.codes.includes(error.code)
        )
          continue;
        problems.push({ kind: "shape", message: `${prefix}: body ${issue.path} ${issue.message}` });
      }
      if (
        error &&
        x.headers["aurous-request-id"] !== undefined &&
        error.request_id !== x.headers["aurous-request-id"]
      ) {
        problems.push({
          kind: "header",
          message: `${prefix}: Aurous-Request-Id ${x.headers["aurous-request-id"]} differs from error.request_id ${error.request_id}`,
        });
      }
    }
  } else if (x.bodyText.length > 0) {
    problems.push({
      kind: "shape",
      message: `${prefix}: documented without a body but ${x.bodyText.length} bytes came back`,
    });
  }

  // Headers.
  const documented = new Map(Object.entries(response.headers).map(([n, h]) => [n.toLowerCase(), { name: n, ...h }]));
  for (const [lower, h] of documented) {
    const raw = x.headers[lower];
    if (raw === undefined) {
      if (h.required) problems.push({ kind: "header", message: `${prefix}: required header ${h.name} is missing` });
      continue;
    }
    for (const issue of validator.validate(h.schema, headerValue(h.schema, raw))) {
      problems.push({ kind: "header", message: `${prefix}: header ${h.name}: "${raw}" ${issue.message}` });
    }
  }
  for (const name of Object.keys(x.headers)) {
    if (!documented.has(name) && !isGeneric(name)) {
      problems.push({ kind: "header", message: `${prefix}: undocumented header ${name}` });
    }
  }
  return problems;
}
