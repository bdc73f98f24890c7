// (Moved here from packages/client/test/prism.test.ts: a contract test, run with the one Prism
// launcher; the client cannot depend on this package, which devDepends on the client.)
// Every operation through @aurous/client against Prism mocking the bundle: each success path,
// then every documented (status, code) of every operation — the matrix, from the spec model —
// forced with `Prefer`, each raised as the client's typed error.
import {
  Aurous,
  AurousApiError,
  AurousAuthenticationError,
  AurousConflictError,
  AurousGoneError,
  AurousInsufficientCreditsError,
  AurousInvalidRequestError,
  AurousNotFoundError,
  AurousPayloadTooLargeError,
  AurousPermissionError,
  AurousRateLimitError,
  AurousServerError,
  AurousUnprocessableEntityError,
  isApiError,
  type OperationId,
  operations,
  type VersionMismatch,
} from "@aurous/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrismHandle, startPrism } from "../src/prism/process.js";
import { defaultSpecPath, loadSpec } from "../src/spec/bundle.js";
import { buildMatrix } from "../src/spec/matrix.js";
import { listOperations } from "../src/spec/operations.js";
import { callOperation } from "./support/client-calls.js";

const doc = loadSpec();
const model = listOperations(doc);
const errorEntries = buildMatrix(doc).filter((e) => e.code !== null);

// The class the client must raise per documented error status (the client's own error-classes
// test holds the same table for its unit tests).
const expectedErrorClass: Record<number, new (...args: never[]) => AurousApiError> = {
  400: AurousInvalidRequestError,
  401: AurousAuthenticationError,
  402: AurousInsufficientCreditsError,
  403: AurousPermissionError,
  404: AurousNotFoundError,
  409: AurousConflictError,
  410: AurousGoneError,
  413: AurousPayloadTooLargeError,
  422: AurousUnprocessableEntityError,
  429: AurousRateLimitError,
  500: AurousServerError,
};

let prism: PrismHandle;
let client: Aurous;
const mismatches: VersionMismatch[] = [];

beforeAll(async () => {
  // --errors: a mock answer that breaks its own schema becomes Prism's 500 instead of passing
  // (Prism 5.16 applies it to response violations; an invalid request gets the spec's 400/422
  // with or without it, and violations are listed in `sl-violations` either way).
  prism = await startPrism({ mode: "mock", specPath: defaultSpecPath(), errors: true });
  client = new Aurous({
    apiKey: `al_live_${"a".repeat(64)}`,
    baseUrl: prism.url,
    maxRetries: 0,
    onVersionMismatch: (m) => mismatches.push(m),
  });
});
afterAll(() => prism?.stop());

describe("the enumeration", () => {
  it("covers every operation of the spec and matches the client's generated meta", () => {
    expect(Object.keys(operations).sort()).toEqual(model.map((op) => op.operationId).sort());
    for (const { operationId, status, code } of errorEntries) {
      const documented = (
        operations[operationId as OperationId].errors as Record<number, { codes: readonly string[] }>
      )[status];
      expect(documented?.codes, `${operationId} ${status}`).toContain(code);
    }
  });

  it("names an example after every documented code, so Prism can be forced to it", () => {
    expect(errorEntries.length).toBeGreaterThan(model.length);
    for (const e of errorEntries) expect(e.example, e.id).toBe(e.code);
  });
});

describe("success paths", () => {
  it.each(
    model.map((op) => ({ operationId: op.operationId, status: op.success.status, body: op.success.media.length > 0 })),
  )("$operationId answers $status with a valid body", async ({ operationId, status, body }) => {
    const result = await callOperation(client, prism.url, operationId, {});
    expect(result.response.status).toBe(status);
    // No violation of the request the client sent (Prism lists them here in any mode).
    expect(result.response.headers.get("sl-violations")).toBeNull();
    expect(result.requestId).toMatch(/^req_/);
    if (!body) {
      expect(result.data).toBeUndefined();
    } else {
      expect(result.version).toBe(doc.info.version);
      expect(result.data).toBeTypeOf("object");
    }
  });

  it("saw no version mismatch", () => {
    expect(mismatches).toEqual([]);
  });
});

describe("every documented error", () => {
  it.each(errorEntries)("$id", async ({ operationId, status, code }) => {
    const error = await callOperation(client, prism.url, operationId, {
      Prefer: `code=${status}, example=${code}`,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AurousApiError);
    expect((error as object).constructor).toBe(expectedErrorClass[status]);
    expect(isApiError(error, operationId as OperationId)).toBe(true);
    const apiError = error as AurousApiError;
    expect(apiError.status).toBe(status);
    expect(apiError.code).toBe(code);
    expect(apiError.operation).toBe(operationId);
    expect(apiError.requestId).toMatch(/^req_/);
    expect(apiError.docUrl).toContain(code);
    expect(apiError.response.status).toBe(status);
    if (status === 429) expect((apiError as AurousRateLimitError).retryAfterMs).toBeGreaterThan(0);
  });
});
