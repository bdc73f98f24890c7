// Redis stores (for several server processes sharing limits and keys). Each operation is one Lua
// script, so it is atomic on the Redis server. Time comes from the caller (`nowMs`), not from
// Redis, so that the server's clock is injectable; PEXPIRE only reclaims memory.
import { createHash } from "node:crypto";
import type {
  ClaimResult,
  IdempotencyRecord,
  IdempotencyStore,
  RateLimitStore,
  StoredResponse,
  TakeResult,
  TokenBucketSpec,
} from "./types.js";

/** The part of an ioredis client the stores use (an `ioredis` `Redis` or `Cluster` fits). */
export interface RedisLike {
  evalsha(sha: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** Prepended to every key; default `aurous:`. */
  prefix?: string;
}

class Script {
  private readonly sha: string;
  constructor(private readonly source: string) {
    this.sha = createHash("sha1").update(source).digest("hex");
  }

  async run(redis: RedisLike, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error)?.message).includes("NOSCRIPT")) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

// Same arithmetic as token-bucket.ts; returns {allowed, tokens-as-string}.
const TAKE = new Script(`
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local data = redis.call('HMGET', KEYS[1], 't', 'u')
local tokens = cap
if data[1] then
  local elapsed = math.max(0, now - tonumber(data[2])) / 1000
  tokens = math.min(cap, tonumber(data[1]) + elapsed * rate)
end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'u', ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil((cap - tokens) / rate * 1000) + 1000)
return {allowed, string.format('%.17g', tokens)}
`);

export class RedisRateLimitStore implements RateLimitStore {
  private readonly prefix: string;
  constructor(
    private readonly redis: RedisLike,
    options: RedisStoreOptions = {},
  ) {
    this.prefix = `${options.prefix ?? "aurous:"}rl:`;
  }

  async take(key: string, bucket: TokenBucketSpec, nowMs: number): Promise<TakeResult> {
    const [allowed, raw] = (await TAKE.run(
      this.redis,
      [this.prefix + key],
      [bucket.capacity, bucket.refillPerSecond, nowMs],
    )) as [number, string];
    const tokens = Number(raw);
    const secondsToFull = (bucket.capacity - tokens) / bucket.refillPerSecond;
    return {
      allowed: allowed === 1,
      remaining: Math.floor(tokens),
      resetAt: Math.ceil((nowMs + secondsToFull * 1000) / 1000),
      retryAfter: allowed === 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / bucket.refillPerSecond)),
    };
  }
}

// Records are hashes: f = fingerprint, o = owner token, s = state, e = expiresAt (epoch ms),
// r = response JSON. ARGV of CLAIM: fingerprint, owner, expiresAt, now. A claim re-sent by the
// client library after a lost reply finds its own owner and is claimed again, not refused.
const CLAIM = new Script(`
local e = redis.call('HGET', KEYS[1], 'e')
if e and tonumber(e) > tonumber(ARGV[4]) then
  local held = redis.call('HMGET', KEYS[1], 'o', 's')
  if held[1] == ARGV[2] and held[2] == 'in_flight' then return 1 end
  return redis.call('HMGET', KEYS[1], 'f', 's', 'e', 'r')
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'f', ARGV[1], 'o', ARGV[2], 's', 'in_flight', 'e', ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(ARGV[3]) - tonumber(ARGV[4])))
return 1
`);

// ARGV: fingerprint, owner, response, expiresAt, now. Over the owner's claim, or over nothing (the
// claim was lost with the data: the effect still happened, so its answer must be kept).
const COMPLETE = new Script(`
local held = redis.call('HMGET', KEYS[1], 'f', 'o', 'e')
if held[3] and tonumber(held[3]) > tonumber(ARGV[5]) and (held[2] ~= ARGV[2] or held[1] ~= ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'f', ARGV[1], 'o', ARGV[2], 's', 'completed', 'e', ARGV[4], 'r', ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(ARGV[4]) - tonumber(ARGV[5])))
return 1
`);

const RELEASE = new Script(`
local held = redis.call('HMGET', KEYS[1], 'f', 'o', 's')
if held[1] == ARGV[1] and held[2] == ARGV[2] and held[3] == 'in_flight' then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

const GET = new Script(`return redis.call('HMGET', KEYS[1], 'f', 's', 'e', 'r')`);

type Fields = [string | null, string | null, string | null, string | null];

function toRecord(fields: Fields | null, nowMs: number): IdempotencyRecord | null {
  if (!fields || fields[0] === null) return null;
  // Stryker disable next-line ConditionalExpression: without e, Number(null) = 0 is already expired for any epoch-ms nowMs >= 0
  if (fields[2] === null) return null;
  const expiresAt = Number(fields[2]);
  if (expiresAt <= nowMs) return null;
  const record: IdempotencyRecord = {
    fingerprint: fields[0],
    state: fields[1] === "completed" ? "completed" : "in_flight",
    expiresAt,
  };
  if (fields[3] !== null) record.response = JSON.parse(fields[3]) as StoredResponse;
  return record;
}

export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly prefix: string;
  constructor(
    private readonly redis: RedisLike,
    options: RedisStoreOptions = {},
  ) {
    this.prefix = `${options.prefix ?? "aurous:"}idem:`;
  }

  async claim(
    key: string,
    fingerprint: string,
    owner: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<ClaimResult> {
    const fields = (await CLAIM.run(this.redis, [this.prefix + key], [fingerprint, owner, expiresAtMs, nowMs])) as
      | Fields
      | number;
    if (!Array.isArray(fields)) return { claimed: true };
    const record = toRecord(fields, nowMs);
    // The script only returns a live record, so this is defensive.
    return record ? { claimed: false, record } : { claimed: true };
  }

  async complete(
    key: string,
    fingerprint: string,
    owner: string,
    response: StoredResponse,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<void> {
    await COMPLETE.run(
      this.redis,
      [this.prefix + key],
      [fingerprint, owner, JSON.stringify(response), expiresAtMs, nowMs],
    );
  }

  async release(key: string, fingerprint: string, owner: string): Promise<void> {
    await RELEASE.run(this.redis, [this.prefix + key], [fingerprint, owner]);
  }

  async get(key: string, nowMs: number): Promise<IdempotencyRecord | null> {
    return toRecord((await GET.run(this.redis, [this.prefix + key], [])) as Fields, nowMs);
  }
}
