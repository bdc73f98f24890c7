// Every response example the docs show (openapi/test/fixtures/docs-examples.json), served by a stub
// with the headers the spec declares for it, must come out of the client (response validation on) as
// the typed result or as the documented error class and code, unless it is a recorded deviation
// (openapi/test/fixtures/docs-examples.deviations.json, shared with the openapi test), which the client
// must reject as well: one it now accepts is stale. A deviation marked `client: "accepts"` (the client's
// zod checks are looser than the spec's Ajv there) must still parse, so that flag cannot go stale either.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Aurous,
  AurousApiError,
  AurousRateLimitError,
  AurousResponseValidationError,
  AurousUndocumentedResponseError,
  type OperationId,
} from "../src/index.js";
import { type OperationCall, operationCalls } from "./support/calls.js";
import { deref, spec } from "./support/contract.js";
import { expectedErrorClass } from "./support/error-classes.js";
import { API_KEY } from "./support/fixtures.js";
import { REQUEST_ID, type StubServer, sendJson, startStub } from "./support/stub-server.js";

interface Entry {
  id: string;
  operationId: OperationId;
  kind: "request" | "response";
  status?: number;
  value: unknown;
}

const fixtures = new URL("../../../openapi/test/fixtures/", import.meta.url);
const readJson = (name: string) => JSON.parse(readFileSync(new URL(name, fixtures), "utf8"));
const entries = (readJson("docs-examples.json").entries as Entry[]).filter((e) => e.kind === "response");
const deviations: Record<string, { reason: string; client?: "accepts" }> = readJson(
  "docs-examples.deviations.json",
).deviations;

/** Values for the headers the spec declares; the request id mirrors the body's, as the docs promise. */
function headerValue(name: string, body: unknown): string | undefined {
  const bodyRequestId = (body as { error?: { request_id?: string } }).error?.request_id;
  const values: Record<string, string | undefined> = {
    "Aurous-Version": "2026-05-15",
    "Aurous-Request-Id": bodyRequestId ?? REQUEST_ID,
    "X-RateLimit-Limit": "30",
    "X-RateLimit-Remaining": "0",
    "X-RateLimit-Reset": "1778235312",
    "Retry-After": "12",
  };
  return values[name];
}

function specHeaders(entry: Entry): Record<string, string> {
  const method = Object.values<Record<string, any>>(spec.paths)
    .flatMap((item) => Object.values(item))
    .find((op) => op?.operationId === entry.operationId);
  const response = deref(method?.responses?.[String(entry.status)] ?? {});
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries<Record<string, any>>(response.headers ?? {})) {
    const value = headerValue(name, entry.value);
    if (value !== undefined) headers[name] = value;
    else if (deref(header).required)
      throw new Error(`no stub value for the required header ${name} (${entry.operationId} ${entry.status})`);
  }
  return headers;
}

let stub: StubServer;
let calls: Record<OperationId, OperationCall>;

beforeAll(async () => {
  stub = await startStub();
  calls = operationCalls(new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 0 }), stub.url);
});
afterAll(() => stub.close());

async function serve(entry: Entry) {
  stub.reset((_req, res) => sendJson(res, entry.status!, entry.value, specHeaders(entry)));
  return calls[entry.operationId]({}).then(
    (result) => ({ result, error: undefined }),
    (error: unknown) => ({ result: undefined, error }),
  );
}

describe("docs response examples through the client", () => {
  it("covers success and error examples", () => {
    expect(entries.filter((e) => e.status! < 300).length).toBeGreaterThanOrEqual(10);
    expect(entries.filter((e) => e.status! >= 400).length).toBeGreaterThanOrEqual(1);
  });

  it.each(entries.map((e) => [e.id, e] as const))("%s", async (id, entry) => {
    const { result, error } = await serve(entry);
    expect(stub.requests).toHaveLength(1);
    const deviation = deviations[id];
    if (deviation && deviation.client !== "accepts") {
      // The spec rejects this example, so must the client; if not, the deviation is stale.
      expect(
        result,
        `stale deviation: the client accepts ${id}; delete it from docs-examples.deviations.json`,
      ).toBeUndefined();
      expect(
        [AurousResponseValidationError, AurousUndocumentedResponseError].some((c) => error instanceof c),
        String(error),
      ).toBe(true);
    } else if (entry.status! < 300) {
      expect(
        error,
        deviation ? `${id} is marked client: accepts but the client rejects it: ${error}` : String(error),
      ).toBeUndefined();
      expect(result!.response.status).toBe(entry.status);
      expect(result!.data).toEqual(entry.value);
    } else {
      expect(error).toBeInstanceOf(AurousApiError);
      expect((error as object).constructor).toBe(expectedErrorClass[entry.status!]);
      const apiError = error as AurousApiError;
      expect(apiError.status).toBe(entry.status);
      expect(apiError.code).toBe((entry.value as { error: { code: string } }).error.code);
      expect(apiError.operation).toBe(entry.operationId);
    }
  });
});

describe("the error branch", () => {
  // Every docs error example is a deviation today; this keeps the typed-error path exercised meanwhile.
  it("raises the typed error for a docs error example once its deviating fields are repaired", async () => {
    const entry = entries.find((e) => e.id === "rate-limits#error1")!;
    const { error: docsError } = entry.value as { error: Record<string, unknown> };
    const repaired = { ...entry, value: { error: { ...docsError, param: null, request_id: REQUEST_ID } } };
    const { error } = await serve(repaired);
    expect(error).toBeInstanceOf(AurousRateLimitError);
    expect((error as AurousRateLimitError).code).toBe("too_many_requests");
    expect((error as AurousRateLimitError).retryAfterMs).toBe(12_000);
  });
});
