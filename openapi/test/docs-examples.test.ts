// The documentation's own JSON examples (scraped into fixtures/docs-examples.json) against the spec:
// each must validate against its operation's request or response schema, or be a recorded deviation
// in fixtures/docs-examples.deviations.json with the instance paths the spec rejects. A deviation
// whose paths change (one of them starts validating, or a new one fails) fails the test too, so the
// list shrinks as the spec catches up with the docs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractCorpus, fixturePath, serialize } from "../tools/extract-docs-examples.mjs";
import { deref, type Json, loadBundle, operations } from "./bundle.js";
import { pointer, specValidator } from "./validator.js";

interface Entry {
  id: string;
  source: string;
  operationId: string;
  kind: "request" | "response";
  status?: number;
  value: unknown;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const corpus: { entries: Entry[] } = readJson(fixturePath);
const deviationsPath = fileURLToPath(new URL("./fixtures/docs-examples.deviations.json", import.meta.url));
const deviations: Record<string, { reason: string; fails: string[]; client?: "accepts" }> =
  readJson(deviationsPath).deviations;

const spec = loadBundle();
const validator = specValidator(spec);
const byOperationId = new Map(operations(spec).map((op) => [op.operation.operationId as string, op]));

/** Pointer to the schema an entry illustrates, or a reason the spec has no such schema. */
function schemaRefFor(entry: Entry): { ref: string } | { missing: string } {
  const op = byOperationId.get(entry.operationId);
  if (!op) return { missing: `operation ${entry.operationId} is not in the spec` };
  const base = ["paths", op.path, op.method];
  if (entry.kind === "request") {
    if (!op.operation.requestBody?.content?.["application/json"]) return { missing: "no JSON request body" };
    return { ref: pointer(...base, "requestBody", "content", "application/json", "schema") };
  }
  const response = op.operation.responses[String(entry.status)];
  if (!response) return { missing: `status ${entry.status} not documented` };
  // Shared responses stay refs in the bundle; point into the component so Ajv resolves it once.
  const at = response.$ref
    ? response.$ref.replace(/^#\//, "").split("/")
    : [...base, "responses", String(entry.status)];
  if (!deref(spec, response).content?.["application/json"])
    return { missing: `status ${entry.status} has no JSON body` };
  return { ref: pointer(...at, "content", "application/json", "schema") };
}

function check(entry: Entry): { ok: boolean; errors: Json[]; fails: string[] } {
  const target = schemaRefFor(entry);
  if ("missing" in target) return { ok: false, errors: [target.missing], fails: [target.missing] };
  const validate = validator.at(target.ref);
  const ok = validate(entry.value) as boolean;
  const errors = validate.errors ?? [];
  // Where each error is, with the missing or extra key appended, so "required" errors name their field.
  const fails = errors.map(
    (e) =>
      e.instancePath +
      (e.params.missingProperty !== undefined ? `/${e.params.missingProperty}` : "") +
      (e.params.additionalProperty !== undefined ? `/${e.params.additionalProperty}` : ""),
  );
  return { ok, errors, fails: [...new Set(fails)].sort() };
}

describe("docs examples corpus", () => {
  it("is what the extraction script produces from the pages (re-run it after a re-scrape)", () => {
    // Throws with the expected location when ../shared/reference is missing.
    const fresh = serialize(extractCorpus());
    expect(readFileSync(fixturePath, "utf8"), "run: node openapi/tools/extract-docs-examples.mjs").toBe(fresh);
  });

  it("has requests and responses for the Characters operations", () => {
    const requests = corpus.entries.filter((e) => e.kind === "request");
    const responses = corpus.entries.filter((e) => e.kind === "response");
    expect(requests.length).toBeGreaterThanOrEqual(7);
    expect(new Set(responses.map((e) => e.operationId)).size).toBe(10);
    expect(responses.some((e) => (e.status ?? 0) >= 400)).toBe(true);
  });

  it("records deviations only for entries that exist, each with a reason", () => {
    const ids = new Set(corpus.entries.map((e) => e.id));
    for (const [id, { reason, fails, client }] of Object.entries(deviations)) {
      expect(ids.has(id), `deviation for unknown entry ${id}`).toBe(true);
      // Only the client test reads `client`; it can only say the client accepts a response.
      if (client !== undefined)
        expect([client, corpus.entries.find((e) => e.id === id)?.kind], id).toEqual(["accepts", "response"]);
      // A reason says which kind of difference it is: the spec still stricter than the docs, a
      // placeholder in the docs, or a contradiction resolved by a choice DECISIONS.md records.
      expect(reason, id).toMatch(/^(spec stricter than docs|docs placeholder|recorded choice): .{10,}/);
      expect(fails.length, id).toBeGreaterThan(0);
    }
  });

  it.each(corpus.entries.map((e) => [e.id, e] as const))(
    "%s validates against the spec or is a recorded deviation",
    (id, entry) => {
      const { ok, errors, fails } = check(entry);
      const deviation = deviations[id];
      if (deviation) {
        expect(ok, `stale deviation: ${id} now validates; delete it from docs-examples.deviations.json`).toBe(false);
        expect(
          fails,
          `deviation ${id} changed: update its fails (and reason) in docs-examples.deviations.json`,
        ).toEqual([...deviation.fails].sort());
      } else {
        expect(
          errors,
          `${id} (${entry.operationId} ${entry.kind} ${entry.status ?? ""}) fails at ${fails.join(", ")}`,
        ).toEqual([]);
        expect(ok).toBe(true);
      }
    },
  );

  it("the check really fails a value that breaks its schema", () => {
    const entry = corpus.entries.find((e) => e.operationId === "classifyCharacterUpload" && e.kind === "response")!;
    expect(check({ ...entry, value: { ...(entry.value as object), confidence: 2 } }).ok).toBe(false);
    expect(check({ ...entry, status: 418 }).errors).toEqual(["status 418 not documented"]);
  });
});
