// Builds the sandbox server: the stubs' runtime mounts every API operation over the sandbox's
// handlers, and the sandbox adds its own routes (ref images, docs) on the same fastify instance.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createAurousServer } from "@aurous/server-stubs";
import type { FastifyInstance } from "fastify";
import { type Clock, systemClock } from "./clock.js";
import type { SandboxConfig } from "./config/load.js";
import { createImplementation, createOutputTokenCheck, createUploadCheck, type SandboxAuth } from "./http/handlers.js";
import { mountDocRoutes } from "./http/routes/docs.js";
import { mountRefRoutes } from "./http/routes/refs.js";
import { createState, type SandboxState } from "./state.js";

export interface SandboxOptions {
  config: SandboxConfig;
  /** Time source for expiries, rate limits and idempotency windows (tests move it). */
  clock?: Clock;
  /** Where unexpected failures are reported (500s, failed background jobs). Default: stderr. */
  onError?: (message: string, error: unknown) => void;
}

export interface Sandbox {
  app: FastifyInstance;
  state: SandboxState;
  /** Where image bytes are kept. */
  dataDir: string;
  /** Starts listening on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  /** The base URL (after listen), e.g. http://127.0.0.1:4010. */
  origin(): string;
  /** Stops accepting requests, finishes in-flight ones, cancels synthesis timers, removes a temporary data dir. */
  close(): Promise<void>;
}

const EVICTION_INTERVAL_MS = 60_000;

function formatOrigin(address: AddressInfo | string | null, configuredHost: string): string {
  if (!address || typeof address === "string") return `http://${configuredHost}`;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const onError = options.onError ?? ((message, error) => console.error(`[sandbox] ${message}:`, error));

  // Without a configured dataDir the bytes live in a fresh temporary directory, removed on close.
  const temporary = config.dataDir === undefined;
  const dataDir = temporary ? mkdtempSync(join(tmpdir(), "aurous-sandbox-")) : resolve(config.dataDir!);
  if (!temporary) mkdirSync(dataDir, { recursive: true });

  const state = createState(config, dataDir, clock, (key, error) => onError(`synthesis of ${key} failed`, error));
  let origin = `http://${config.host}:${config.port}`;

  const app = createAurousServer<SandboxAuth>({
    implementation: createImplementation(state, () => origin),
    checkUpload: createUploadCheck(state),
    authenticate: (key) => {
      const found = state.keys.lookup(key);
      if (found.kind === "unknown") return null;
      return { teamId: found.record.teamId, scope: found.record.scope, revoked: found.kind === "revoked" };
    },
    // Output URLs load without a key: their token authorises one output as the generation's team.
    verifyUrlToken: createOutputTokenCheck(state),
    // The sandbox is the reference implementation: every answer is checked against the spec.
    validateResponses: true,
    now: () => clock.now(),
    onError: (error, report) =>
      onError(`500 internal_error on ${report.operationId ?? "a request"} (${report.requestId})`, error),
  });
  mountRefRoutes(app, state);
  mountDocRoutes(app);

  const sweep = setInterval(() => {
    state.uploads.evictExpired().catch((error: unknown) => onError("evicting expired uploads failed", error));
    state.generations.evictExpired().catch((error: unknown) => onError("evicting expired outputs failed", error));
  }, EVICTION_INTERVAL_MS);
  sweep.unref();

  let closing: Promise<void> | undefined;
  return {
    app,
    state,
    dataDir,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      origin = formatOrigin(app.server.address(), config.host);
      return origin;
    },
    origin: () => origin,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        await app.close();
        await state.scheduler.close();
        if (temporary) rmSync(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
