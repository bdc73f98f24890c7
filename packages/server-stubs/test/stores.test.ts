// Rate limits and idempotency through the whole runtime, on both store implementations: the
// in-memory default and Redis (a real redis-server started for this file).

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type IdempotencyStore,
  type Implementation,
  MemoryIdempotencyStore,
  MemoryRateLimitStore,
  type RateLimitStore,
  RedisIdempotencyStore,
  RedisRateLimitStore,
} from "../src/index.js";
import { AUTH, CHAR_ID, character, clock, implementation, server } from "./helpers.js";
import { type RunningRedis, redisServerAvailable, requireRedisInCi, startRedis } from "./redis-server.js";

requireRedisInCi();

interface Stores {
  rateLimit: RateLimitStore;
  idempotency: IdempotencyStore;
}
interface StoreKit {
  name: string;
  make(): Stores;
  /** Two views of one shared state (for Redis: two connections), like two server processes. */
  pair(): [Stores, Stores];
}

let redis: RunningRedis | undefined;
let redisPrefix = 0;

const kits: StoreKit[] = [
  {
    name: "memory",
    make: () => ({ rateLimit: new MemoryRateLimitStore(), idempotency: new MemoryIdempotencyStore() }),
    pair() {
      const shared = this.make();
      return [shared, shared];
    },
  },
];
if (redisServerAvailable()) {
  // A fresh key prefix per server (or pair) keeps the tests independent on one redis-server.
  const redisStores = (prefix: string): Stores => {
    const client = redis!.client();
    return {
      rateLimit: new RedisRateLimitStore(client, { prefix }),
      idempotency: new RedisIdempotencyStore(client, { prefix }),
    };
  };
  kits.push({
    name: "redis",
    make: () => redisStores(`t${++redisPrefix}:`),
    pair() {
      const prefix = `t${++redisPrefix}:`;
      return [redisStores(prefix), redisStores(prefix)];
    },
  });
}

beforeAll(async () => {
  if (redisServerAvailable()) redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const REGEN = `/v1/characters/${CHAR_ID}/refs/regenerate`;
const RESYN = `/v1/characters/${CHAR_ID}/resynthesize`;

describe.each(kits)("$name stores", (kit) => {
  const apps: FastifyInstance[] = [];
  function make(opts: { implementation?: Implementation; now?: () => number } = {}) {
    const app = server({ stores: kit.make(), ...opts });
    apps.push(app);
    return app;
  }
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  describe("rate limits", () => {
    it("sends X-RateLimit-* from the op's bucket and counts down per team", async () => {
      const t = clock();
      const app = make({ now: t.now });
      const first = await app.inject({ method: "GET", url: `/v1/characters/${CHAR_ID}`, headers: AUTH });
      expect(first.statusCode).toBe(200);
      expect(first.headers["x-ratelimit-limit"]).toBe("240"); // characters_get burst
      expect(first.headers["x-ratelimit-remaining"]).toBe("239");
      // One token short of full refills in 1 / (120/60) s = 0.5 s → reset is the next whole second.
      expect(first.headers["x-ratelimit-reset"]).toBe(String(Math.ceil((t.now() + 500) / 1000)));
      const second = await app.inject({ method: "GET", url: "/v1/characters", headers: { "x-api-key": "key_read" } });
      expect(second.headers["x-ratelimit-remaining"]).toBe("238"); // same team, same bucket, another key
      const otherTeam = await app.inject({ method: "GET", url: "/v1/characters", headers: { "x-api-key": "key_b" } });
      expect(otherTeam.headers["x-ratelimit-remaining"]).toBe("239");
    });

    it("empties the bucket at burst: 429 with Retry-After and the op's documented code", async () => {
      const t = clock();
      const app = make({ now: t.now });
      for (let i = 0; i < 12; i++) {
        const r = await app.inject({ method: "POST", url: REGEN, headers: AUTH, payload: { pose: "front" } });
        expect(r.statusCode).toBe(200);
        expect(r.headers["x-ratelimit-limit"]).toBe("12");
        expect(r.headers["x-ratelimit-remaining"]).toBe(String(11 - i));
      }
      const limited = await app.inject({ method: "POST", url: REGEN, headers: AUTH, payload: { pose: "front" } });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error).toMatchObject({ type: "rate_limit", code: "rate_limit_exceeded" });
      expect(limited.headers["retry-after"]).toBe("10"); // 6/min → one token per 10 s
      expect(limited.headers["x-ratelimit-remaining"]).toBe("0");
      // resynthesize shares characters_synthesize, and so its code: one 429 code per bucket.
      const resyn = await app.inject({ method: "POST", url: RESYN, headers: AUTH });
      expect(resyn.statusCode).toBe(429);
      expect(resyn.json().error.code).toBe("rate_limit_exceeded");
      // createCharacter with generate: true draws from the same bucket (variant) …
      const synth = await app.inject({
        method: "POST",
        url: "/v1/characters",
        headers: AUTH,
        payload: { name: "A", generate: true, attributes: { age: 3 } },
      });
      expect(synth.statusCode).toBe(429);
      expect(synth.json().error.code).toBe("rate_limit_exceeded");
      expect(synth.headers["x-ratelimit-limit"]).toBe("12");
      // … while the upload flow draws from characters_post.
      const upload = await app.inject({
        method: "POST",
        url: "/v1/characters",
        headers: AUTH,
        payload: { name: "A", upload_ids: [] },
      });
      expect(upload.headers["x-ratelimit-limit"]).toBe("60");
      // Refill: 10 s later exactly one token is back.
      t.advance(10_000);
      const again = await app.inject({ method: "POST", url: REGEN, headers: AUTH, payload: { pose: "front" } });
      expect(again.statusCode).toBe(200);
      expect(again.headers["x-ratelimit-remaining"]).toBe("0");
      const retry = await app.inject({ method: "POST", url: REGEN, headers: AUTH, payload: { pose: "front" } });
      expect(retry.statusCode).toBe(429);
      expect(Number(retry.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    });

    it("admits at most the burst from concurrent requests, across two servers sharing the store", async () => {
      const t = clock();
      const [one, two] = kit.pair();
      const a = server({ stores: one, now: t.now });
      const b = server({ stores: two, now: t.now });
      apps.push(a, b);
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? a : b).inject({ method: "POST", url: REGEN, headers: AUTH, payload: { pose: "side" } }),
        ),
      );
      const admitted = responses.filter((r) => r.statusCode === 200).length;
      expect(admitted).toBe(12);
      expect(responses.filter((r) => r.statusCode === 429)).toHaveLength(28);
    });

    it("draws before validation, but not for unauthenticated or unreadable requests", async () => {
      const app = make();
      const unauth = await app.inject({ method: "GET", url: "/v1/characters" });
      expect(unauth.statusCode).toBe(401);
      expect(unauth.headers["x-ratelimit-limit"]).toBeUndefined();
      const malformed = await app.inject({
        method: "POST",
        url: "/v1/characters",
        headers: { ...AUTH, "content-type": "application/json" },
        payload: "{",
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.headers["x-ratelimit-limit"]).toBeUndefined();
      const invalid = await app.inject({ method: "GET", url: "/v1/characters?limit=0", headers: AUTH });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.headers["x-ratelimit-remaining"]).toBe("239");
    });
  });

  describe("idempotency", () => {
    const CREATE = { name: "Aurora", upload_ids: ["upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR"] };

    function counting(extra: Partial<Implementation> = {}) {
      const calls = { create: 0, regen: 0 };
      const impl = implementation({
        createCharacter: (req) => {
          calls.create++;
          return { status: 201, body: character({ name: `${req.body.name} #${calls.create}` }) };
        },
        regenerateCharacterRef: () => {
          calls.regen++;
          return { status: 200, body: character() };
        },
        ...extra,
      });
      return { calls, impl };
    }

    it("replays a completed request with Aurous-Idempotent-Replayed, even with keys reordered", async () => {
      const { calls, impl } = counting();
      const app = make({ implementation: impl });
      const headers = { ...AUTH, "idempotency-key": "k-replay" };
      const first = await app.inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE });
      expect(first.statusCode).toBe(201);
      expect(first.headers["aurous-idempotent-replayed"]).toBeUndefined();
      const second = await app.inject({
        method: "POST",
        url: "/v1/characters",
        headers: { ...headers, "content-type": "application/json" },
        payload: '{"upload_ids":["upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR"],  "name":"Aurora"}',
      });
      expect(second.statusCode).toBe(201);
      expect(second.headers["aurous-idempotent-replayed"]).toBe("true");
      expect(second.json()).toEqual(first.json());
      expect(second.headers["aurous-request-id"]).not.toBe(first.headers["aurous-request-id"]);
      expect(calls.create).toBe(1);
      // Another team's identical key is a separate key.
      const otherTeam = await app.inject({
        method: "POST",
        url: "/v1/characters",
        headers: { "x-api-key": "key_b", "idempotency-key": "k-replay" },
        payload: CREATE,
      });
      expect(otherTeam.headers["aurous-idempotent-replayed"]).toBeUndefined();
      expect(calls.create).toBe(2);
    });

    it("answers 409 idempotency_key_in_use for a different body or another route", async () => {
      const { calls, impl } = counting();
      const app = make({ implementation: impl });
      const headers = { ...AUTH, "idempotency-key": "k-conflict" };
      expect((await app.inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE })).statusCode).toBe(
        201,
      );
      const otherBody = await app.inject({
        method: "POST",
        url: "/v1/characters",
        headers,
        payload: { ...CREATE, name: "B" },
      });
      expect(otherBody.statusCode).toBe(409);
      expect(otherBody.json().error).toMatchObject({
        type: "invalid_request",
        code: "idempotency_key_in_use",
        param: "Idempotency-Key",
      });
      const otherRoute = await app.inject({ method: "POST", url: REGEN, headers, payload: { pose: "front" } });
      expect(otherRoute.statusCode).toBe(409);
      expect(otherRoute.json().error.code).toBe("idempotency_key_in_use");
      // Neither can ever succeed: no Retry-After, so a client does not retry them.
      expect(otherBody.headers["retry-after"]).toBeUndefined();
      expect(otherRoute.headers["retry-after"]).toBeUndefined();
      expect(calls).toEqual({ create: 1, regen: 0 });
    });

    it("answers 409 while the first request is in flight, then replays it", async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const { calls, impl } = counting({
        regenerateCharacterRef: async () => {
          calls.regen++;
          await gate;
          return { status: 200, body: character() };
        },
      });
      const app = make({ implementation: impl });
      const headers = { ...AUTH, "idempotency-key": "k-flight" };
      const first = app.inject({ method: "POST", url: REGEN, headers, payload: { pose: "front" } });
      await new Promise((r) => setTimeout(r, 50));
      const during = await app.inject({ method: "POST", url: REGEN, headers, payload: { pose: "front" } });
      expect(during.statusCode).toBe(409);
      expect(during.json().error.code).toBe("idempotency_key_in_use");
      // Still running: the one conflict worth retrying says so with Retry-After.
      expect(during.headers["retry-after"]).toBe("1");
      release();
      expect((await first).statusCode).toBe(200);
      const after = await app.inject({ method: "POST", url: REGEN, headers, payload: { pose: "front" } });
      expect(after.statusCode).toBe(200);
      expect(after.headers["aurous-idempotent-replayed"]).toBe("true");
      expect(calls.regen).toBe(1);
    });

    it("does not store error answers: a 4xx releases the key and the retry runs again", async () => {
      let attempt = 0;
      const app = make({
        implementation: implementation({
          createCharacter: (req) => {
            attempt++;
            if (attempt === 1) return req.fail(400, "upload_invalid", "That upload is gone.", "upload_ids[0]");
            if (attempt === 2) return req.fail(402, "insufficient_credits", "Not enough credits.");
            return { status: 201, body: character() };
          },
        }),
      });
      const headers = { ...AUTH, "idempotency-key": "k-4xx" };
      const one = await app.inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE });
      expect(one.statusCode).toBe(400);
      const two = await app.inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE });
      expect(two.statusCode).toBe(402);
      const three = await app.inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE });
      expect(three.statusCode).toBe(201);
      expect(three.headers["aurous-idempotent-replayed"]).toBeUndefined();
      const four = await app.inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE });
      expect(four.headers["aurous-idempotent-replayed"]).toBe("true");
      expect(attempt).toBe(3);
      // A request that fails validation never claims the key.
      const invalid = await app.inject({
        method: "POST",
        url: "/v1/characters",
        headers: { ...AUTH, "idempotency-key": "k-v" },
        payload: {},
      });
      expect(invalid.statusCode).toBe(400);
      const fixed = await app.inject({
        method: "POST",
        url: "/v1/characters",
        headers: { ...AUTH, "idempotency-key": "k-v" },
        payload: CREATE,
      });
      expect(fixed.statusCode).toBe(201);
      expect(fixed.headers["aurous-idempotent-replayed"]).toBeUndefined();
    });

    it("forgets a key after the 24 h window (injectable clock)", async () => {
      const t = clock();
      const { calls, impl } = counting();
      const app = make({ implementation: impl, now: t.now });
      const headers = { ...AUTH, "idempotency-key": "k-expiry" };
      await app.inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE });
      t.advance(24 * 3_600_000 - 1);
      const within = await app.inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE });
      expect(within.headers["aurous-idempotent-replayed"]).toBe("true");
      t.advance(2);
      const after = await app.inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE });
      expect(after.statusCode).toBe(201);
      expect(after.headers["aurous-idempotent-replayed"]).toBeUndefined();
      expect(calls.create).toBe(2);
    });

    it("runs the handler exactly once for concurrent requests with one key", async () => {
      const { calls, impl } = counting({
        createCharacter: async () => {
          calls.create++;
          await new Promise((r) => setTimeout(r, 30));
          return { status: 201, body: character() };
        },
      });
      const [one, two] = kit.pair();
      const a = server({ stores: one, implementation: impl });
      const b = server({ stores: two, implementation: impl });
      apps.push(a, b);
      const headers = { ...AUTH, "idempotency-key": "k-race" };
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).inject({ method: "POST", url: "/v1/characters", headers, payload: CREATE }),
        ),
      );
      expect(calls.create).toBe(1);
      const fresh = responses.filter((r) => r.statusCode === 201 && !r.headers["aurous-idempotent-replayed"]);
      expect(fresh).toHaveLength(1);
      for (const r of responses) {
        if (r.statusCode === 201) continue;
        expect(r.statusCode).toBe(409);
        expect(r.json().error.code).toBe("idempotency_key_in_use");
      }
    });

    it("ignores Idempotency-Key on operations that do not honour it", async () => {
      const app = make();
      const headers = { ...AUTH, "idempotency-key": "k-get" };
      await app.inject({ method: "GET", url: `/v1/characters/${CHAR_ID}`, headers });
      const again = await app.inject({ method: "GET", url: `/v1/characters/${CHAR_ID}`, headers });
      expect(again.headers["aurous-idempotent-replayed"]).toBeUndefined();
    });
  });
});

describe("store contracts", () => {
  it("memory rate-limit buckets that refilled are swept", async () => {
    const store = new MemoryRateLimitStore();
    await store.take("t:b", { capacity: 2, refillPerSecond: 1 }, 0);
    expect(store.size).toBe(1);
    store.sweep(5_000);
    expect(store.size).toBe(0);
  });

  it("redis stores time out keys with PEXPIRE and honour the caller's clock", async ({ skip }) => {
    if (!redis) return skip();
    const client = redis.client();
    const store = new RedisIdempotencyStore(client, { prefix: "contract:" });
    expect(await store.claim("k", "fp", "o1", 1_000 + 60_000, 1_000)).toEqual({ claimed: true });
    const ttl = await client.pttl("contract:idem:k");
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    const held = await store.claim("k", "fp2", "o2", 2_000 + 60_000, 2_000);
    expect(held).toMatchObject({ claimed: false, record: { fingerprint: "fp", state: "in_flight" } });
    // Past its logical expiry the key is free again even though Redis still holds it.
    expect(await store.claim("k", "fp3", "o3", 200_000, 61_001)).toEqual({ claimed: true });
    await store.complete("k", "fp3", "o3", { status: 201, body: { a: 1 } }, 300_000, 61_002);
    expect(await store.get("k", 61_003)).toMatchObject({
      state: "completed",
      response: { status: 201, body: { a: 1 } },
    });
    await store.release("k", "fp3", "o3"); // completed records are not released
    expect(await store.get("k", 61_004)).not.toBeNull();
  });

  // Both stores: the owner token makes a re-sent claim safe and late writes harmless.
  const ownerKits = [
    { name: "memory", make: () => new MemoryIdempotencyStore() },
    {
      name: "redis",
      make: () => (redis ? new RedisIdempotencyStore(redis.client(), { prefix: `owners:${Math.random()}:` }) : null),
    },
  ];
  it.each(ownerKits)(
    "$name: a claim sent twice by its owner is claimed both times; another owner gets the record",
    async ({ make }) => {
      const store = make();
      if (!store) return;
      expect(await store.claim("k", "fp", "me", 60_000, 1_000)).toEqual({ claimed: true });
      expect(await store.claim("k", "fp", "me", 60_000, 1_001)).toEqual({ claimed: true });
      expect(await store.claim("k", "fp", "you", 60_000, 1_002)).toMatchObject({
        claimed: false,
        record: { state: "in_flight" },
      });
      // Another owner's release or complete does not touch the claim.
      await store.release("k", "fp", "you");
      await store.complete("k", "fp", "you", { status: 201, body: 1 }, 90_000, 1_003);
      expect(await store.get("k", 1_004)).toMatchObject({ state: "in_flight" });
      await store.release("k", "fp", "me");
      expect(await store.get("k", 1_005)).toBeNull();
    },
  );

  it.each(ownerKits)(
    "$name: an answer whose claim was lost (store restarted empty) is still stored",
    async ({ make }) => {
      const store = make();
      if (!store) return;
      await store.complete("lost", "fp", "me", { status: 201, body: { id: 1 } }, 90_000, 1_000);
      expect(await store.get("lost", 1_001)).toMatchObject({ state: "completed", response: { body: { id: 1 } } });
    },
  );
});
