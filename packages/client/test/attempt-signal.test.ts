// Which requests carry an AbortSignal: only those with a usable client-side timeout or a caller
// signal (a signal costs Node's fetch per-request bookkeeping; README, Performance).
import { describe, expect, it } from "vitest";
import { createAurous, getCharacter } from "../src/index.js";
import { API_KEY, CHARACTER_ID, character } from "./support/fixtures.js";

async function signalSent(timeoutMs: number, caller?: AbortSignal) {
  let sent: AbortSignal | null | undefined;
  const core = createAurous({
    apiKey: API_KEY,
    timeoutMs,
    fetch: async (_url, init) => {
      sent = init?.signal;
      return new Response(JSON.stringify(character()), { status: 200 });
    },
  });
  await getCharacter(core, CHARACTER_ID, { signal: caller });
  return sent;
}

describe("the signal a request carries", () => {
  it.each([0, Infinity, 2 ** 31 - 1, 2 ** 31])("none for timeoutMs %d without a caller signal", async (timeoutMs) => {
    expect(await signalSent(timeoutMs)).toBeNull();
  });

  it("one for a finite timeout", async () => {
    expect(await signalSent(2 ** 31 - 2)).toBeInstanceOf(AbortSignal);
    expect(await signalSent(1_000)).toBeInstanceOf(AbortSignal);
  });

  it("the caller's own when there is no timeout", async () => {
    const caller = new AbortController().signal;
    expect(await signalSent(0, caller)).toBe(caller);
  });
});
