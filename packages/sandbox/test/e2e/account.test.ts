// The account and catalog reads (#17) end to end through @aurous/client: the balance follows the
// ledger, the team comes from the config, the rate card from the resolved version, and the LoRA
// catalog is the built-in one; each needs only a read key and shares the reads bucket.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TEAM_IDS } from "../../src/config/demo.js";
import { DEMO_KEYS, errorOf, startSandbox, stopSandbox, type TestSandbox } from "../helpers/sandbox.js";

let t: TestSandbox;
beforeAll(async () => {
  t = await startSandbox();
});
afterAll(() => stopSandbox(t));

describe("GET /v1/balance", () => {
  it("reports the ledger, with nothing held, and follows a synthesis charge", async () => {
    const { data, response } = await t.shoestring.balance.get();
    expect(response.status).toBe(200);
    expect(data).toEqual({
      credits: 3,
      held_credits: 0,
      available_credits: 3,
      currency: "credit",
      billing_mode: "metered",
    });

    const before = (await t.acme.balance.get()).data.credits;
    await t.acme.characters.create({ name: "Aurora", generate: true, attributes: { hair_color: "black" } });
    const after = await t.acme.balance.get();
    expect(after.data).toMatchObject({ credits: before - 4, held_credits: 0, available_credits: before - 4 });
  });

  it("needs only a read key, and a revoked key is refused", async () => {
    expect((await t.client(DEMO_KEYS.acmeReadOnly).balance.get()).response.status).toBe(200);
    expect(await errorOf(t.client(DEMO_KEYS.acmeRevoked).balance.get())).toMatchObject({
      status: 401,
      code: "revoked_api_key",
    });
  });
});

describe("GET /v1/team", () => {
  it("describes the key's team from the config, its credits from the ledger", async () => {
    const { data } = await t.client(DEMO_KEYS.acmeReadOnly).team.get();
    expect(data).toEqual({
      id: DEMO_TEAM_IDS.acme,
      name: "Acme Studio",
      credits: t.balance(DEMO_TEAM_IDS.acme),
      created_at: "2026-01-15T00:00:00Z",
      billing_email: "billing@acme.example",
    });
  });

  it("without a configured creation time or email, reports the start time and null", async () => {
    const { data } = await t.globex.team.get();
    expect(data).toMatchObject({ id: DEMO_TEAM_IDS.globex, name: "Globex Labs", billing_email: null });
    expect(Date.parse(data.created_at)).toBeLessThanOrEqual(Date.now());
    expect((await t.globex.team.get()).data.created_at).toBe(data.created_at);
  });
});

describe("GET /v1/pricing", () => {
  it("returns the rate card of the resolved version", async () => {
    const { data, response } = await t.acme.pricing.get({ version: "2026-01-01" });
    expect(response.headers.get("aurous-version")).toBe("2026-05-15");
    expect(data).toMatchObject({
      object: "pricing",
      version: "2026-05-15",
      currency: "credit",
      image: { base: 1, enhance_prompt_multiplier: 2, reference_image_per_image: 0 },
      video: { base_per_second: 0.5, resolution_factor: { "480p": 1, "720p": 1.5, "1080p": 2.5 } },
    });
  });

  it("prices images as an estimate charges them (the card reads createImage's price rule)", async () => {
    const { data: card } = await t.acme.pricing.get();
    for (const [count, enhance] of [
      [1, false],
      [3, false],
      [2, true],
    ] as const) {
      const body = { prompt: "A lighthouse at dusk", count, enhance_prompt: enhance };
      const { data } = await t.acme.images.estimate(body);
      const perImage = card.image.base * (enhance ? card.image.enhance_prompt_multiplier : 1);
      expect(data.estimated_cost.amount, JSON.stringify(body)).toBe(perImage * count);
    }
  });

  it("refuses a version after the newest one", async () => {
    expect(await errorOf(t.acme.pricing.get({ version: "2099-01-01" }))).toMatchObject({
      status: 400,
      code: "unknown_version",
    });
  });
});

describe("GET /v1/loras", () => {
  it("returns the built-in catalog as a bare array, the same for every team", async () => {
    const { data } = await t.acme.loras.list();
    expect(Array.isArray(data)).toBe(true);
    expect(data.length).toBeGreaterThan(0);
    for (const lora of data) expect(lora).toMatchObject({ id: expect.stringMatching(/^lora_/), is_public: true });
    expect((await t.globex.loras.list()).data).toEqual(data);
  });
});

describe("the reads bucket", () => {
  it("is its own: the account reads carry its 1200-token capacity", async () => {
    const { response } = await t.acme.loras.list();
    expect(response.headers.get("x-ratelimit-limit")).toBe("1200");
  });
});
