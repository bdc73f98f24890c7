// waitFor's polling (src/helpers/wait-for.ts): the interval, its growth and cap, the default targets,
// and poll failures that end the wait with their own error. A fetch of the test's own answers, so
// that the timings measured are the client's sleeps, not a server's.
import { describe, expect, it } from "vitest";
import {
  AurousAuthenticationError,
  AurousNotFoundError,
  AurousServerError,
  AurousWaitTimeoutError,
  type CharacterStatus,
  createAurous,
  waitForCharacter,
} from "../src/index.js";
import { API_KEY, CHARACTER_ID, character } from "./support/fixtures.js";
import { errorBody } from "./support/stub-server.js";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** A core whose fetch answers the statuses in order (repeating the last) and records when each poll came. */
function serving(...statuses: CharacterStatus[]) {
  const polls: number[] = [];
  const core = createAurous({
    apiKey: API_KEY,
    maxRetries: 0,
    fetch: async () => {
      polls.push(performance.now());
      return json(200, character({ status: statuses[Math.min(polls.length - 1, statuses.length - 1)]! }));
    },
  });
  return { core, polls, elapsed: () => polls.at(-1)! - polls[0]! };
}

describe("waitFor polling", () => {
  it("waits for reviewing or ready by default", async () => {
    const reviewing = serving("synthesizing", "reviewing", "ready");
    expect((await waitForCharacter(reviewing.core, CHARACTER_ID, { intervalMs: 5 })).data.status).toBe("reviewing");
    const ready = serving("synthesizing", "ready");
    expect((await waitForCharacter(ready.core, CHARACTER_ID, { intervalMs: 5 })).data.status).toBe("ready");
  });

  it("first waits 1 s by default", async () => {
    const { core, polls, elapsed } = serving("synthesizing", "ready");
    await waitForCharacter(core, CHARACTER_ID);
    expect(polls).toHaveLength(2);
    expect(elapsed()).toBeGreaterThanOrEqual(990);
  });

  it("grows the interval 1.5x per poll", async () => {
    const { core, polls, elapsed } = serving("synthesizing", "synthesizing", "synthesizing", "ready");
    await waitForCharacter(core, CHARACTER_ID, { intervalMs: 40 });
    expect(polls).toHaveLength(4);
    expect(elapsed()).toBeGreaterThanOrEqual(40 + 60 + 90 - 5);
  });

  it("never waits longer than maxIntervalMs between polls", async () => {
    const statuses = Array<CharacterStatus>(11).fill("synthesizing");
    const { core, polls, elapsed } = serving(...statuses, "ready");
    await waitForCharacter(core, CHARACTER_ID, { intervalMs: 20, maxIntervalMs: 20 });
    expect(polls).toHaveLength(12);
    // 11 sleeps of 20 ms; growing 1.5x uncapped they would add up to 3.4 s.
    expect(elapsed()).toBeLessThan(1_500);
  });

  it.each([
    [404, errorBody("not_found", "resource_not_found"), AurousNotFoundError],
    [401, errorBody("authentication", "invalid_api_key"), AurousAuthenticationError],
    [500, errorBody("server_error", "internal_error"), AurousServerError],
  ])("ends with the poll failure itself (HTTP %i), not a wait timeout", async (status, body, ErrorClass) => {
    const core = createAurous({ apiKey: API_KEY, maxRetries: 0, fetch: async () => json(status, body) });
    const error = await waitForCharacter(core, CHARACTER_ID, { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).not.toBeInstanceOf(AurousWaitTimeoutError);
  });
});
