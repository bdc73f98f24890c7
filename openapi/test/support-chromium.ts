// Debian's chromium for the docs' browser test (never a downloaded browser). Without it the test
// is skipped locally and fails under CI=true, like the Redis tests of the server stubs.
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";
export const INSTALL_HINT = "apt-get update && apt-get install -y chromium";

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** In CI a missing chromium is an error, never a silent skip. */
export function requireChromiumInCi(): void {
  if (!chromiumAvailable() && process.env.CI === "true") {
    throw new Error(`${CHROMIUM} is missing; the docs browser test needs it (${INSTALL_HINT}).`);
  }
}

/** Headless, no first-run, sync, component updates or background traffic: the page's requests only. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-gpu",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
