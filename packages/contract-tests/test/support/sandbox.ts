// Starts the reference sandbox in-process on a free 127.0.0.1 port with teams made for the
// contract suites: a rich main team (full, read-only and revoked keys), a second team for
// cross-team 404s, a team with no credits for 402s, and a fuzz team. Its clock is an OffsetClock,
// so tests expire upload URLs and refill rate-limit buckets without sleeping.
import { randomBytes } from "node:crypto";
import { createSandbox, OffsetClock, type Sandbox } from "@aurous/sandbox";

const key = () => `al_live_${randomBytes(32).toString("hex")}`;
const team = (suffix: string) => `team_01J${suffix.padStart(23, "0")}`;

export interface TestSandbox {
  origin: string;
  sandbox: Sandbox;
  clock: OffsetClock;
  keys: {
    full: string;
    readOnly: string;
    revoked: string;
    secondTeam: string;
    lowCredit: string;
    fuzz: string;
    fuzzTeams: string[];
  };
  close(): Promise<void>;
}

export async function startTestSandbox(): Promise<TestSandbox> {
  // Ten more fuzz teams: rate limits are per team, so a fuzz that cannot move the clock (the CLI)
  // spreads its requests over them instead of waiting for refills.
  const keys = {
    full: key(),
    readOnly: key(),
    revoked: key(),
    secondTeam: key(),
    lowCredit: key(),
    fuzz: key(),
    fuzzTeams: Array.from({ length: 10 }, key),
  };
  const clock = new OffsetClock();
  const sandbox = createSandbox({
    clock,
    config: {
      source: "contract-tests",
      port: 0,
      host: "127.0.0.1",
      // Long enough for the "while synthesizing" refusals under load, short enough to wait for.
      synthesisDelayMs: 600,
      // The same for image generations (pending → processing → succeeded): the "while running" refusals.
      generationDelayMs: 600,
      teams: [
        {
          id: team("MA1N"),
          name: "Contract Main",
          credits: 1_000_000,
          keys: [
            { key: keys.full, scope: "full", revoked: false },
            { key: keys.readOnly, scope: "read", revoked: false },
            { key: keys.revoked, scope: "full", revoked: true },
          ],
        },
        {
          id: team("SEC0ND"),
          name: "Contract Second",
          credits: 1000,
          keys: [{ key: keys.secondTeam, scope: "full", revoked: false }],
        },
        {
          id: team("P00R"),
          name: "Contract Poor",
          credits: 0,
          keys: [{ key: keys.lowCredit, scope: "full", revoked: false }],
        },
        {
          id: team("FV2Z"),
          name: "Contract Fuzz",
          credits: 1_000_000,
          keys: [{ key: keys.fuzz, scope: "full", revoked: false }],
        },
        ...keys.fuzzTeams.map((k, i) => ({
          id: team(`FV2Z${i}`),
          name: `Contract Fuzz ${i}`,
          credits: 1_000_000,
          keys: [{ key: k, scope: "full" as const, revoked: false }],
        })),
      ],
    },
    onError: (message, error) => console.error(`[sandbox] ${message}`, error),
  });
  const origin = await sandbox.listen();
  return { origin, sandbox, clock, keys, close: () => sandbox.close() };
}
