// Every operation against Prism mocking the bundle: each success path, then every documented
// (status, code) of every operation — enumerated from the bundle — forced with `Prefer`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Aurous,
  AurousApiError,
  AurousRateLimitError,
  isApiError,
  type OperationId,
  operations,
  type VersionMismatch,
} from '../src/index.js';
import { documentedErrors, documentedOperations } from './support/contract.js';
import { operationCalls } from './support/calls.js';
import { expectedErrorClass } from './support/error-classes.js';
import { API_KEY } from './support/fixtures.js';
import { type Prism, startPrism } from './support/prism.js';

let prism: Prism;
let client: Aurous;
let calls: ReturnType<typeof operationCalls>;
const mismatches: VersionMismatch[] = [];

beforeAll(async () => {
  prism = await startPrism();
  client = new Aurous({ apiKey: API_KEY, baseUrl: prism.url, maxRetries: 0, onVersionMismatch: (m) => mismatches.push(m) });
  calls = operationCalls(client, prism.url);
});
afterAll(() => prism?.stop());


describe('the enumeration', () => {
  it('covers the 11 operations and matches the generated meta', () => {
    expect(documentedOperations.map((op) => op.operationId).sort()).toEqual(Object.keys(calls).sort());
    expect(Object.keys(operations).sort()).toEqual(Object.keys(calls).sort());
    for (const { operationId, status, code } of documentedErrors) {
      const documented = (operations[operationId as OperationId].errors as Record<number, { codes: readonly string[] }>)[status];
      expect(documented?.codes, `${operationId} ${status}`).toContain(code);
    }
  });

  it('names an example after every documented code, so Prism can be forced to it', () => {
    expect(documentedErrors.length).toBeGreaterThan(80);
    for (const { operationId, status, code, examples } of documentedErrors) {
      expect(examples, `${operationId} ${status}`).toContain(code);
    }
  });
});

describe('success paths', () => {
  it.each(documentedOperations)('$operationId answers $successStatus with a valid body', async ({ operationId, successStatus }) => {
    const result = await calls[operationId as OperationId]({});
    expect(result.response.status).toBe(successStatus);
    // Prism --errors flags a request that breaks the contract in `sl-violations`.
    expect(result.response.headers.get('sl-violations')).toBeNull();
    expect(result.requestId).toMatch(/^req_/);
    if (operationId === 'uploadCharacterImage') {
      expect(result.data).toBeUndefined();
    } else {
      expect(result.version).toBe('2026-05-15');
      expect(result.data).toBeTypeOf('object');
    }
  });

  it('saw no version mismatch', () => {
    expect(mismatches).toEqual([]);
  });
});

describe('every documented error', () => {
  it.each(documentedErrors)('$operationId $status $code', async ({ operationId, status, code }) => {
    const error = await calls[operationId as OperationId]({
      headers: { Prefer: `code=${status}, example=${code}` },
      maxRetries: 0,
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
