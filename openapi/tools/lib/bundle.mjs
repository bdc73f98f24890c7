// Produces the working bundle exactly as `pnpm run bundle` does (same CLI, config and decorators),
// into a temporary file, so the check never depends on a stale dist/.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openapiDir } from "./releases.mjs";

export function bundleWorkingSpec() {
  const dir = mkdtempSync(join(tmpdir(), "aurous-openapi-"));
  try {
    const out = join(dir, "openapi.json");
    const result = spawnSync(
      join(openapiDir, "node_modules", ".bin", "redocly"),
      ["bundle", "openapi.yaml", "-o", out],
      {
        cwd: openapiDir,
        env: { ...process.env, REDOCLY_TELEMETRY: "off" },
        encoding: "utf8",
      },
    );
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`redocly bundle failed:\n${result.stdout}${result.stderr}`);
    return JSON.parse(readFileSync(out, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
