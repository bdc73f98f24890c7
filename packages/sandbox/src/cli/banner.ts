// What the sandbox prints when it is up: where everything is, the keys to use and a first request.

import { FAIL_TOKEN } from "../characters/fail-trigger.js";
import type { SandboxConfig } from "../config/load.js";

const mask = (key: string) => `${key.slice(0, 12)}…${key.slice(-4)}`;

export function banner(config: SandboxConfig, origin: string, dataDir: string, temporaryData: boolean): string {
  const demo = config.source === "demo";
  const rows = config.teams.flatMap((team) =>
    team.keys.map((k, i) => {
      const what = k.revoked ? "revoked" : k.scope === "read" ? "read-only" : k.scope;
      const who = i === 0 ? `${team.name.padEnd(16)} ${`${team.credits} credits`.padStart(13)}` : " ".repeat(30);
      return `  ${who}  ${what.padEnd(9)}  ${demo ? k.key : mask(k.key)}`;
    }),
  );
  const usable = config.teams.flatMap((t) => t.keys).find((k) => !k.revoked && k.scope !== "read");
  const curlKey = demo && usable ? usable.key : "$AUROUS_API_KEY";
  // Double quotes, so that a shell expands $AUROUS_API_KEY (a demo key has nothing to expand).
  const keyHeader = `-H "X-Api-Key: ${curlKey}"`;
  return [
    `Aurous Labs API sandbox is running.`,
    ``,
    `  API        ${origin}`,
    `  Docs       ${origin}/docs`,
    `  Spec       ${origin}/openapi.json`,
    `  Data       ${dataDir} (image bytes${temporaryData ? ", removed on exit" : ""}; everything else is in memory)`,
    `  Synthesis  ${config.synthesisDelayMs} ms per run; put ${FAIL_TOKEN} in a name or additional_details to make one fail`,
    `  Images     ${config.generationDelayMs} ms per generation; put ${FAIL_TOKEN} in a prompt to make one fail`,
    ``,
    demo
      ? `Demo teams and API keys (built in; use --config FILE for your own):`
      : `Teams and API keys from ${config.source}:`,
    ...rows,
    ``,
    `Try it:`,
    `  curl -s ${origin}/v1/characters ${keyHeader}`,
    `  curl -s ${origin}/v1/characters ${keyHeader} -H 'Content-Type: application/json' \\`,
    `    -d '{"name": "Aurora", "generate": true, "attributes": {"hair_color": "black"}}'`,
    ``,
    `Press Ctrl-C to stop.`,
  ].join("\n");
}
