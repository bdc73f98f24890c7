// Turns zod issues into lines a person can act on: which field, what is wrong.
import type { z } from "zod";

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(the top level)";
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export function issueMessage(issue: z.core.$ZodIssue & { input?: unknown }): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      if (issue.expected === "int") return "must be a whole number";
      return `must be ${issue.expected === "array" || issue.expected === "object" ? "an" : "a"} ${issue.expected}, not ${describeType(issue.input)}`;
    case "unrecognized_keys":
      return `has unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    default:
      return issue.message;
  }
}

export function formatIssues(issues: readonly (z.core.$ZodIssue & { input?: unknown })[]): string[] {
  return issues.map((issue) => `${fieldPath(issue.path)}: ${issueMessage(issue)}`);
}
