// Every operation against Prism mocking the bundle: each success path, then every documented
// (status, code) of every operation — enumerated from the bundle — forced with `Prefer`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResult,
  Aurous,
  AurousApiError,
  AurousAuthenticationError,
  AurousConflictError,
  AurousInsufficientCreditsError,
  AurousInvalidRequestError,
  AurousNotFoundError,
  AurousPayloadTooLargeError,
  AurousPermissionError,
  AurousRateLimitError,
  AurousServerError,
  type CallOptions,
  isApiError,
  type OperationId,
  operations,
  type VersionMismatch,
} from '../src/index.js';
import { documentedErrors, documentedOperations } from './support/contract.js';
import { API_KEY, CHARACTER_ID, UPLOAD_ID } from './support/fixtures.js';
import { type Prism, startPrism } from './support/prism.js';

let prism: Prism;
let client: Aurous;
const mismatches: VersionMismatch[] = [];

beforeAll(async () => {
  prism = await startPrism();
  client = new Aurous({ apiKey: API_KEY, baseUrl: prism.url, maxRetries: 0, onVersionMismatch: (m) => mismatches.push(m) });
});
afterAll(() => prism?.stop());

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** One valid call per operation; `satisfies` makes a new operation in the spec a compile error here. */
const calls = {
  initCharacterUpload: (o) =>
    client.uploads.init({ filename: 'front.jpg', extension: 'jpg', content_type: 'image/jpeg' }, o),
  uploadCharacterImage: (o) =>
    client.uploads.put(
      {
        upload_url: `${prism.url}/storage/uploads/${UPLOAD_ID}?expires=1778235300&signature=${'9b'.repeat(32)}`,
        upload_headers: { 'Content-Type': 'image/jpeg' },
      },
      jpeg,
      o,
    ),
  classifyCharacterUpload: (o) => client.uploads.classify(UPLOAD_ID, o),
  createCharacter: (o) => client.characters.create({ name: 'Aurora', upload_ids: [UPLOAD_ID] }, o),
  listCharacters: (o) => client.characters.list({ limit: 2, status: 'ready' }, o),
  getCharacter: (o) => client.characters.get(CHARACTER_ID, o),
  updateCharacter: (o) => client.characters.update(CHARACTER_ID, { name: 'Aurora the Bold' }, o),
  deleteCharacter: (o) => client.characters.delete(CHARACTER_ID, o),
  saveCharacter: (o) => client.characters.save(CHARACTER_ID, o),
  regenerateCharacterRef: (o) => client.characters.regenerateRef(CHARACTER_ID, { pose: 'front' }, o),
  resynthesizeCharacter: (o) => client.characters.resynthesize(CHARACTER_ID, { force_all: true }, o),
} satisfies Record<OperationId, (options: CallOptions) => Promise<ApiResult<unknown>>>;

const expectedClass: Record<number, new (...args: never[]) => AurousApiError> = {
  400: AurousInvalidRequestError,
  401: AurousAuthenticationError,
  402: AurousInsufficientCreditsError,
  403: AurousPermissionError,
  404: AurousNotFoundError,
  409: AurousConflictError,
  413: AurousPayloadTooLargeError,
  429: AurousRateLimitError,
  500: AurousServerError,
};

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
    expect((error as object).constructor).toBe(expectedClass[status]);
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
