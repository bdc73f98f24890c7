// The idempotency layer when its store fails: a paid handler's answer is never lost (sent, kept and
// replayed), a retry never runs the handler twice, a fresh key never gets 409, and a store that
// hangs is answered 500 internal_error in the envelope within the configured bound.

import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type ErrorReport, type IdempotencyStore, MemoryIdempotencyStore, type RateLimitStore } from "../src/index.js";
import { AUTH, character, implementation, server, UPLOAD_ID } from "./helpers.js";

type Mode = "ok" | "fail" | "hang";

/** The in-memory store with switchable faults per method. */
class FaultyIdempotencyStore implements IdempotencyStore {
  readonly inner = new MemoryIdempotencyStore();
  mode: Record<"claim" | "complete" | "release", Mode> = { claim: "ok", complete: "ok", release: "ok" };
  /** Runs the claim, loses its reply and runs it again, as a client library re-sending after a reconnect does. */
  resendClaims = false;
  private held: Array<() => void> = [];

  private async gate(method: keyof FaultyIdempotencyStore["mode"]): Promise<void> {
    if (this.mode[method] === "fail") throw new Error(`${method}: connection lost`);
    if (this.mode[method] === "hang") await new Promise<void>((r) => this.held.push(r));
  }
  async claim(...args: Parameters<IdempotencyStore["claim"]>) {
    if (this.resendClaims) await this.inner.claim(...args);
    await this.gate("claim");
    return this.inner.claim(...args);
  }
  async complete(...args: Parameters<IdempotencyStore["complete"]>) {
    await this.gate("complete");
    return this.inner.complete(...args);
  }
  async release(...args: Parameters<IdempotencyStore["release"]>) {
    await this.gate("release");
    return this.inner.release(...args);
  }
  get(key: string, nowMs: number) {
    return this.inner.get(key, nowMs);
  }
  /** Lets hung calls through (they then run against the store). */
  unblock(): void {
    for (const r of this.held.splice(0)) r();
  }
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function paidServer(store: IdempotencyStore, rateLimit?: RateLimitStore) {
  const charges = new Map<string, number>();
  const reports: ErrorReport[] = [];
  app = server({
    storeTimeoutMs: 100,
    stores: { idempotency: store, ...(rateLimit ? { rateLimit } : {}) },
    onError: (_e, report) => reports.push(report),
    implementation: implementation({
      createCharacter: (req) => {
        charges.set(req.idempotencyKey!, (charges.get(req.idempotencyKey!) ?? 0) + 1); // the paid effect
        return { status: 201, body: character({ name: req.body.name }) };
      },
    }),
  });
  const create = (key: string, name = "A") =>
    app!.inject({
      method: "POST",
      url: "/v1/characters",
      headers: { ...AUTH, "content-type": "application/json", "idempotency-key": key },
      payload: { name, upload_ids: [UPLOAD_ID] },
    });
  return { app, charges, reports, create };
}

describe("idempotency under store faults", () => {
  it("the store fails after the paid handler ran: the client gets its 201, a retry is replayed, nothing is charged twice, the answer is stored once the store is back", async () => {
    const store = new FaultyIdempotencyStore();
    const { charges, create } = paidServer(store);
    store.mode.complete = "fail";
    const first = await create("k1");
    expect(first.statusCode).toBe(201);
    const retry = await create("k1");
    expect(retry.statusCode).toBe(201);
    expect(retry.headers["aurous-idempotent-replayed"]).toBe("true");
    expect(retry.json()).toEqual(first.json());
    expect(charges.get("k1")).toBe(1);
    store.mode.complete = "ok";
    await app!.close(); // drains the outbox
    app = undefined;
    expect(await store.get("team_a:k1", Date.now())).toMatchObject({ state: "completed", response: { status: 201 } });
  });

  it("while the answer waits in the outbox, the key reused with another body is refused 409 (not given that answer), and nothing runs", async () => {
    const store = new FaultyIdempotencyStore();
    const { charges, create } = paidServer(store);
    store.mode.complete = "fail";
    expect((await create("k5", "A")).statusCode).toBe(201);
    const other = await create("k5", "B");
    expect(other.statusCode).toBe(409);
    expect(other.headers["retry-after"]).toBeUndefined();
    expect(other.json().error.code).toBe("idempotency_key_in_use");
    expect(charges.get("k5")).toBe(1);
  });

  it("a claim re-sent after a lost reply is still the same request's claim: 201, not 409", async () => {
    const store = new FaultyIdempotencyStore();
    store.resendClaims = true;
    const { charges, create } = paidServer(store);
    const res = await create("fresh");
    expect(res.statusCode).toBe(201);
    expect(charges.get("fresh")).toBe(1);
  });

  it("a claim that hangs: 500 internal_error envelope within the bound, nothing runs; when it lands late it is released, so the retry runs (no 409)", async () => {
    const store = new FaultyIdempotencyStore();
    const { charges, reports, create } = paidServer(store);
    store.mode.claim = "hang";
    const started = Date.now();
    const res = await create("k2");
    expect(Date.now() - started).toBeLessThan(100 + 1_000); // the bound, with slack for a loaded machine
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({
      type: "server_error",
      code: "internal_error",
      request_id: res.headers["aurous-request-id"],
    });
    expect(reports.map((r) => r.reason)).toEqual(["store_failed"]);
    expect(charges.size).toBe(0);
    store.mode.claim = "ok";
    store.unblock(); // the lost claim lands now, holding the key
    const retry = await create("k2");
    expect(retry.statusCode).toBe(201);
    expect(charges.get("k2")).toBe(1);
  });

  it("a failing release (after a handler error) does not lock the key: the retry runs", async () => {
    const store = new FaultyIdempotencyStore();
    let fail = true;
    const { create } = paidServer(store);
    await app!.close();
    app = server({
      storeTimeoutMs: 100,
      stores: { idempotency: store },
      implementation: implementation({
        createCharacter: (req) =>
          fail ? req.fail(402, "insufficient_credits", "No credits.") : { status: 201, body: character() },
      }),
    });
    store.mode.release = "fail";
    expect((await create("k3")).statusCode).toBe(402);
    store.mode.release = "ok";
    fail = false;
    expect((await create("k3")).statusCode).toBe(201);
  });

  it("a rate-limit store that hangs: 500 internal_error within the bound", async () => {
    const hanging: RateLimitStore = { take: () => new Promise(() => {}) };
    const { create, reports } = paidServer(new MemoryIdempotencyStore(), hanging);
    const res = await create("k4");
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe("internal_error");
    expect(reports).toHaveLength(1);
  });

  it("refuses a non-positive storeTimeoutMs", () => {
    expect(() => server({ storeTimeoutMs: 0 })).toThrow(/storeTimeoutMs/);
  });
});
