// Starts an in-process sandbox on 127.0.0.1:<free port> with fast synthesis and a clock tests can
// move, plus typed clients per demo key. Each test file gets its own state (and rate-limit buckets).
import { Aurous } from "@aurous/client";
import { expect } from "vitest";
import { OffsetClock } from "../../src/clock.js";
import { DEMO_KEYS, demoConfig } from "../../src/config/demo.js";
import type { SandboxConfig } from "../../src/config/load.js";
import type { ConfigFile } from "../../src/config/schema.js";
import { createSandbox, type Sandbox } from "../../src/sandbox.js";

export { DEMO_KEYS };

export interface TestSandbox {
  sandbox: Sandbox;
  origin: string;
  clock: OffsetClock;
  /** A client for a key; never retries, so every status reaches the test. */
  client(apiKey: string): Aurous;
  acme: Aurous;
  globex: Aurous;
  shoestring: Aurous;
  /** Unexpected failures the server reported (500s, crashed jobs); must stay empty. */
  problems: string[];
  balance(teamId: string): number;
}

export async function startSandbox(overrides: Partial<ConfigFile> = {}): Promise<TestSandbox> {
  const config: SandboxConfig = {
    ...demoConfig(),
    port: 0,
    host: "127.0.0.1",
    synthesisDelayMs: 50,
    ...overrides,
    source: "demo",
  };
  const clock = new OffsetClock();
  const problems: string[] = [];
  const sandbox = createSandbox({
    config,
    clock,
    onError: (message, error) => problems.push(`${message}: ${String(error)}`),
  });
  const origin = await sandbox.listen();
  const client = (apiKey: string) => new Aurous({ apiKey, baseUrl: origin, maxRetries: 0, timeoutMs: 20_000 });
  return {
    sandbox,
    origin,
    clock,
    client,
    acme: client(DEMO_KEYS.acmeFull),
    globex: client(DEMO_KEYS.globexFull),
    shoestring: client(DEMO_KEYS.shoestringFull),
    problems,
    balance: (teamId) => sandbox.state.ledger.balance(teamId),
  };
}

/** Closes the sandbox and checks that the server reported no unexpected failure. */
export async function stopSandbox(t: TestSandbox | undefined): Promise<void> {
  if (!t) return;
  await t.sandbox.close();
  expect(t.problems).toEqual([]);
}

/** The error a rejected client call threw, for asserting on status, code and envelope. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; param: string | null; error: Record<string, unknown>; response: Response }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error("expected the call to fail");
}

/** An error envelope without its per-request id, to compare two errors' shapes and contents. */
export function withoutRequestId(error: Record<string, unknown>): Record<string, unknown> {
  const { request_id: _ignored, ...rest } = error;
  return rest;
}
