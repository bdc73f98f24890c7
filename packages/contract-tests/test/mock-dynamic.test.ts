// The README's `Prefer: dynamic=true`: Prism generates each success body from the schemas (and the
// headers from theirs). Many such calls through @aurous/client, response validation on, must all
// come back valid, with the version the client asked for, and look like real answers.
import { API_VERSION, Aurous } from "@aurous/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrismHandle, startPrism } from "../src/prism/process.js";
import { defaultSpecPath, loadSpec } from "../src/spec/bundle.js";
import { listOperations } from "../src/spec/operations.js";
import { callOperation } from "./support/client-calls.js";

// Every operation of the spec (read by the model, not listed here).
const OPERATIONS = listOperations(loadSpec()).map((op) => op.operationId);
const ROUNDS = 20;

let prism: PrismHandle;

beforeAll(async () => {
  prism = await startPrism({ mode: "mock", specPath: defaultSpecPath() });
});

afterAll(async () => {
  await prism?.stop();
});

/** Every string anywhere in a body, with its path. */
function strings(value: unknown, path = ""): Array<[string, string]> {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe("Prism's dynamic mode through the client", () => {
  it(`${ROUNDS} dynamic answers of every operation are valid, carry the requested version and look real`, async () => {
    const mismatches: string[] = [];
    const aurous = new Aurous({
      apiKey: `al_live_${"0".repeat(64)}`,
      baseUrl: prism.url,
      maxRetries: 0,
      validateResponses: true,
      onVersionMismatch: ({ operation, applied }) => mismatches.push(`${operation}: ${applied}`),
    });
    const failures: string[] = [];
    let calls = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const operationId of OPERATIONS) {
        try {
          const result = await callOperation(aurous, prism.url, operationId, { Prefer: "dynamic=true" });
          calls++;
          for (const [path, text] of strings(result.data)) {
            // Generated URLs must be ones a client can fetch; dates must be real calendar dates.
            if (/url$/.test(path) && !/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//.test(text))
              failures.push(`${operationId} ${path}: ${text}`);
            if (/_at$/.test(path) && Number.isNaN(Date.parse(text))) failures.push(`${operationId} ${path}: ${text}`);
          }
        } catch (error) {
          failures.push(`${operationId}: ${(error as Error).name}: ${(error as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(mismatches).toEqual([]);
    expect(calls).toBe(ROUNDS * OPERATIONS.length);
    expect(API_VERSION).toBe("2026-05-15");
  }, 120_000);
});
