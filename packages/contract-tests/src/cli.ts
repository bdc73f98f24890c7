#!/usr/bin/env node
// The published bin. Telemetry of the tools it drives stays off.
import { main } from "./cli/main.js";
import { killAllPrism } from "./prism/process.js";

process.env.DO_NOT_TRACK ??= "1";
// On Ctrl-C or a CI cancel, take the Prism processes down too (no `exit` hook runs on a signal).
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.once(signal, () => {
    killAllPrism();
    process.exit(code);
  });
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`aurous-contract-tests: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
