// Frozen releases: `releases/<version>.json` is the bundle of a released date version, written once
// by `pnpm release:freeze` and never edited. SHA256SUMS (`sha256sum -c` format) pins their bytes, so
// an edit to a released contract shows up as a failing test, not as a silently passing check.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const openapiDir = fileURLToPath(new URL("../..", import.meta.url));
export const releasesDir = join(openapiDir, "releases");
export const CHECKSUMS_FILE = "SHA256SUMS";
export const RELEASE_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

/** The one byte form of a frozen release: 2-space JSON and a final newline. */
export function serializeRelease(doc) {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

/** Frozen releases, oldest first: { version, file, text, doc }. */
export function listReleases(dir = releasesDir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => file.match(RELEASE_FILE))
    .filter(Boolean)
    .map(([file, version]) => {
      const text = readFileSync(join(dir, file), "utf8");
      return { version, file, text, doc: JSON.parse(text) };
    })
    .sort((x, y) => (x.version < y.version ? -1 : 1));
}

export function readChecksums(dir = releasesDir) {
  const path = join(dir, CHECKSUMS_FILE);
  if (!existsSync(path)) return new Map();
  const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
  return new Map(
    lines.map((line) => {
      const [, hash, file] = line.match(/^([0-9a-f]{64}) {2}(.+)$/) ?? [];
      if (!hash) throw new Error(`${CHECKSUMS_FILE}: malformed line "${line}"`);
      return [file, hash];
    }),
  );
}

export function writeChecksums(sums, dir = releasesDir) {
  const lines = [...sums].sort(([x], [y]) => (x < y ? -1 : 1)).map(([file, hash]) => `${hash}  ${file}\n`);
  writeFileSync(join(dir, CHECKSUMS_FILE), lines.join(""));
}
