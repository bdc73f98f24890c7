// An undecodable path (`/v1/characters/%zz`) cannot name any resource. The router refuses it before
// routing (FST_ERR_BAD_URL); this finds the operation the path would have reached and answers what
// that operation documents for "no such resource" — never a code it does not document, and never
// the raw URL (its query string may carry an upload signature).
import { codesAt, type OperationMeta } from "../contract/meta.js";
import type { ErrorInit } from "../contract/types.js";
import { refusalCode } from "./refusals.js";
import { validationCodeFor } from "./validation.js";

interface Template {
  meta: OperationMeta;
  pattern: RegExp;
  names: string[];
}

export interface BadUrlAnswer {
  meta: OperationMeta;
  status: number;
  init: ErrorInit & { param: string | null };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function undecodable(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

const isNumeric = (schema: Record<string, unknown> | undefined) => {
  const types = [schema?.type].flat();
  return types.includes("integer") || types.includes("number");
};

/** The documented answer of `meta` to a path parameter that names nothing, or null if it has none. */
function answerFor(meta: OperationMeta, param: string, numeric: boolean): BadUrlAnswer | null {
  // A number in the path is a value (an output's index), refused as any invalid parameter.
  const invalid = numeric ? validationCodeFor(meta, "invalid_format") : undefined;
  if (invalid) {
    const message = `${param} must be an integer written in plain decimal digits.`;
    return { meta, status: 400, init: { code: invalid, message, param } };
  }
  const message = `No resource has this ${param}: it is not valid percent-encoding.`;
  if (codesAt(meta, 404).includes("resource_not_found")) {
    return { meta, status: 404, init: { code: "resource_not_found", message, param } };
  }
  // Operations without a 404 (signed URLs) answer their code for an unusable URL, else a validation code.
  const code = refusalCode(meta, "unusableUrl") ?? validationCodeFor(meta, "invalid_format");
  return code ? { meta, status: 400, init: { code, message, param } } : null;
}

export function createBadUrlResolver(
  operations: readonly OperationMeta[],
): (method: string, url: string) => BadUrlAnswer | null {
  const templates: Template[] = operations.map((meta) => {
    const names: string[] = [];
    const source = meta.path
      .split("/")
      .map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment);
        if (!param) return escapeRegExp(segment);
        names.push(param[1]!);
        return "([^/]*)";
      })
      .join("/");
    return { meta, pattern: new RegExp(`^${source}$`), names };
  });
  // Static paths first: /v1/characters/uploads/init before /v1/characters/{id}.
  templates.sort((a, b) => a.names.length - b.names.length);

  return (method, url) => {
    const path = url.split("?")[0]!;
    const wanted = method === "HEAD" ? "GET" : method;
    for (const { meta, pattern, names } of templates) {
      if (meta.httpMethod !== wanted) continue;
      const match = pattern.exec(path);
      if (!match) continue;
      const index = names.findIndex((_, i) => undecodable(match[i + 1]!));
      if (index >= 0) {
        const name = names[index]!;
        const parameter = meta.parameters.find((p) => p.in === "path" && p.name === name);
        return answerFor(meta, parameter?.errorParam ?? name, isNumeric(parameter?.schema));
      }
    }
    return null;
  };
}

/** A path for a message: no query string, at most `max` characters. */
export function pathForMessage(url: string, max = 200): string {
  const path = url.split("?")[0]!;
  return path.length > max ? `${path.slice(0, max - 1)}…` : path;
}
