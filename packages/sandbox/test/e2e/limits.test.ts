// The runtime's building blocks as the sandbox wires them: keys and scopes, rate limits,
// Idempotency-Key replays and conflicts, and credits that concurrent spending never drives below zero.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_TEAM_IDS, demoConfig } from "../../src/config/demo.js";
import { pngBytes } from "../helpers/images.js";
import { DEMO_KEYS, errorOf, startSandbox, stopSandbox, type TestSandbox } from "../helpers/sandbox.js";

let t: TestSandbox;
beforeAll(async () => {
  t = await startSandbox({
    // An extra well-funded team, so the concurrency tests do not share buckets with the others.
    teams: [
      ...demoConfig().teams,
      {
        id: "team_01J0000000000000000000RACE",
        name: "Racers",
        credits: 10,
        keys: [{ key: `al_live_${"f".repeat(64)}`, scope: "full", revoked: false }],
      },
    ],
  });
});
afterAll(() => stopSandbox(t));
beforeEach(() => t.clock.advance(120_000));

const attributes = { gender: "male" };
const raw = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${t.origin}${path}`, { ...init, headers: { "Content-Type": "application/json", ...init.headers } });

async function readyCharacter(client = t.acme): Promise<string> {
  const upload = await client.uploads.upload(pngBytes(8, 8), { filename: "r.png" });
  return (await client.characters.create({ name: "Ready", upload_ids: [upload.upload_id] })).data.id;
}

describe("keys", () => {
  it("refuses a missing, unknown or revoked key with 401 and a read-only key's write with 403", async () => {
    const list = "/v1/characters";
    expect(((await (await raw(list)).json()) as { error: object }).error).toMatchObject({
      code: "missing_api_key",
      type: "authentication",
    });
    expect(
      ((await (await raw(list, { headers: { "X-Api-Key": `al_live_${"9".repeat(64)}` } })).json()) as { error: object })
        .error,
    ).toMatchObject({ code: "invalid_api_key" });
    expect(await errorOf(t.client(DEMO_KEYS.acmeRevoked).characters.list())).toMatchObject({
      status: 401,
      code: "revoked_api_key",
    });

    const reader = t.client(DEMO_KEYS.acmeReadOnly);
    expect((await reader.characters.list()).response.status).toBe(200);
    expect(await errorOf(reader.characters.create({ name: "x", generate: true, attributes }))).toMatchObject({
      status: 403,
      code: "missing_scope",
    });
    // Bearer is an alias of X-Api-Key.
    expect((await raw(list, { headers: { Authorization: `Bearer ${DEMO_KEYS.globexFull}` } })).status).toBe(200);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After once the characters_synthesize burst (12) is spent", async () => {
    const unknown = "char_01J00000000000000000000000";
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await errorOf(t.globex.characters.regenerateRef(unknown, { pose: "front" }))).status);
    expect(statuses).toEqual(Array(12).fill(404));
    const limited = await errorOf(t.globex.characters.regenerateRef(unknown, { pose: "front" }));
    expect(limited).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.response.headers.get("x-ratelimit-remaining")).toBe("0");
    // Resynthesize shares the bucket, and so its code: one 429 code per bucket.
    expect(await errorOf(t.globex.characters.resynthesize(unknown))).toMatchObject({
      status: 429,
      code: "rate_limit_exceeded",
    });
    // Buckets are per team: Acme is unaffected.
    expect(await errorOf(t.acme.characters.regenerateRef(unknown, { pose: "front" }))).toMatchObject({ status: 404 });
  });
});

describe("idempotency", () => {
  it("replays a repeated create with Aurous-Idempotent-Replayed and charges once; another body is 409", async () => {
    const before = t.balance(DEMO_TEAM_IDS.acme);
    const key = "create-once-0001";
    const first = await t.acme.characters.create({ name: "Once", generate: true, attributes }, { idempotencyKey: key });
    const again = await t.acme.characters.create({ name: "Once", generate: true, attributes }, { idempotencyKey: key });
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.response.headers.get("aurous-idempotent-replayed")).toBe("true");
    expect(again.data.id).toBe(first.data.id);
    expect(t.balance(DEMO_TEAM_IDS.acme)).toBe(before - 4);

    const conflict = await errorOf(
      t.acme.characters.create({ name: "Other", generate: true, attributes }, { idempotencyKey: key }),
    );
    expect(conflict).toMatchObject({ status: 409, code: "idempotency_key_in_use", param: "Idempotency-Key" });
    expect(t.balance(DEMO_TEAM_IDS.acme)).toBe(before - 4);
  });

  it("charges exactly once for 50 concurrent regenerates with one Idempotency-Key", async () => {
    const id = await readyCharacter();
    const before = t.balance(DEMO_TEAM_IDS.acme);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        t.acme.characters.regenerateRef(id, { pose: "front" }, { idempotencyKey: "regen-burst-1" }),
      ),
    );
    const fresh = results.filter((r) => r.status === "fulfilled" && !r.value.replayed);
    const statuses = results.map((r) =>
      r.status === "fulfilled" ? r.value.response.status : (r.reason as { status: number }).status,
    );
    expect(fresh).toHaveLength(1);
    for (const status of statuses) expect([200, 409, 429]).toContain(status);
    expect(t.balance(DEMO_TEAM_IDS.acme)).toBe(before - 1);
    // Afterwards the same key replays the one stored answer, still without charging.
    t.clock.advance(120_000);
    const replay = await t.acme.characters.regenerateRef(id, { pose: "front" }, { idempotencyKey: "regen-burst-1" });
    expect(replay.replayed).toBe(true);
    expect(t.balance(DEMO_TEAM_IDS.acme)).toBe(before - 1);
  });
});

describe("credits under concurrency", () => {
  it("never go below zero: 3 credits, 6 concurrent regenerates → 3 charged, 3 × 402", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await readyCharacter(t.shoestring));
    const results = await Promise.allSettled(
      ids.map((id) => t.shoestring.characters.regenerateRef(id, { pose: "back" })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results
      .filter((r) => r.status === "rejected")
      .map((r) => (r as PromiseRejectedResult).reason as { status: number; code: string });
    expect(ok).toHaveLength(3);
    expect(refused.map((e) => [e.status, e.code])).toEqual(Array(3).fill([402, "insufficient_credits"]));
    expect(t.balance(DEMO_TEAM_IDS.shoestring)).toBe(0);
  });

  it("never go below zero: 10 credits, 8 concurrent syntheses (4 each) → exactly 2 succeed", async () => {
    const racers = t.client(`al_live_${"f".repeat(64)}`);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => racers.characters.create({ name: `Race ${i}`, generate: true, attributes })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const refused = results
      .filter((r) => r.status === "rejected")
      .map((r) => ((r as PromiseRejectedResult).reason as { code: string }).code);
    expect(refused).toEqual(Array(6).fill("insufficient_credits"));
    expect(t.balance("team_01J0000000000000000000RACE")).toBe(2);
  });
});
