import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Aurous,
  AurousAbortError,
  AurousCharacterFailedError,
  AurousTimeoutError,
  AurousWaitTimeoutError,
  type CharacterStatus,
} from '../src/index.js';
import { API_KEY, CHARACTER_ID, character } from './support/fixtures.js';
import { sendJson, startStub, type StubServer } from './support/stub-server.js';

let stub: StubServer;
let client: Aurous;

beforeAll(async () => {
  stub = await startStub();
  client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 0 });
});
afterAll(() => stub.close());

/** Answers GET with the statuses in order, repeating the last one. */
function serveStatuses(...statuses: CharacterStatus[]) {
  stub.reset((_req, res, n) => {
    const status = statuses[Math.min(n, statuses.length - 1)]!;
    sendJson(res, 200, character({ status, error_message: status === 'failed' ? 'The face could not be kept consistent.' : null }));
  });
}

describe('characters.waitFor', () => {
  it('polls until reviewing', async () => {
    serveStatuses('synthesizing', 'synthesizing', 'reviewing');
    const { data, requestId } = await client.characters.waitFor(CHARACTER_ID, { status: 'reviewing', intervalMs: 10 });
    expect(data.status).toBe('reviewing');
    expect(requestId).toMatch(/^req_/);
    expect(stub.requests).toHaveLength(3);
    expect(stub.requests.every((r) => r.url === `/v1/characters/${CHARACTER_ID}`)).toBe(true);
  });

  it('accepts several target statuses (default reviewing or ready)', async () => {
    serveStatuses('synthesizing', 'ready');
    const { data } = await client.characters.waitFor(CHARACTER_ID, { intervalMs: 10 });
    expect(data.status).toBe('ready');
  });

  it('throws AurousCharacterFailedError carrying error_message on failed', async () => {
    serveStatuses('synthesizing', 'failed');
    const error = await client.characters.waitFor(CHARACTER_ID, { status: 'ready', intervalMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousCharacterFailedError);
    expect((error as AurousCharacterFailedError).errorMessage).toBe('The face could not be kept consistent.');
    expect((error as AurousCharacterFailedError).character.status).toBe('failed');
  });

  it('returns a failed character when failed is among the targets', async () => {
    serveStatuses('failed');
    const { data } = await client.characters.waitFor(CHARACTER_ID, { status: ['ready', 'failed'] });
    expect(data.error_message).toContain('consistent');
  });

  it('throws a timeout error at the deadline, with the last state seen', async () => {
    serveStatuses('synthesizing');
    const started = performance.now();
    const error = await client.characters
      .waitFor(CHARACTER_ID, { timeoutMs: 250, intervalMs: 20, maxIntervalMs: 40 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousWaitTimeoutError);
    expect(error).toBeInstanceOf(AurousTimeoutError);
    expect((error as AurousWaitTimeoutError).character?.status).toBe('synthesizing');
    expect(performance.now() - started).toBeLessThan(1_000);
    // The interval grows: fewer polls than 250 / 20.
    expect(stub.requests.length).toBeGreaterThan(2);
    expect(stub.requests.length).toBeLessThan(12);
  });

  it('stops when the signal aborts', async () => {
    serveStatuses('synthesizing');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);
    const error = await client.characters
      .waitFor(CHARACTER_ID, { intervalMs: 1_000, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousAbortError);
    expect(stub.requests).toHaveLength(1);
  });
});
