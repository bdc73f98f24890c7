// The bin against the sandbox exactly as `npm start` runs it: the sandbox's own bin as a separate
// process with its built-in demo teams (keys imported from @aurous/sandbox, not typed here). The
// demo's low-credit team has 3 credits, so the 402 on regenerate comes after spending them.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_KEYS } from "@aurous/sandbox";
import getPort from "get-port";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notProvokable } from "../src/server/scenarios/faults.js";
import { loadSpec } from "../src/spec/bundle.js";
import { buildMatrix } from "../src/spec/matrix.js";
import { listOperations } from "../src/spec/operations.js";

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const sandboxBin = join(
  dirname(createRequire(import.meta.url).resolve("@aurous/sandbox/package.json")),
  "dist",
  "cli.js",
);
let sandbox: ChildProcess | undefined;
let cli: ChildProcess | undefined;
let origin: string;
let reportDir: string;

beforeAll(async () => {
  const port = await getPort({ host: "127.0.0.1" });
  origin = `http://127.0.0.1:${port}`;
  // Without a config the sandbox uses its built-in demo teams.
  const env = { ...process.env };
  delete env.AUROUS_SANDBOX_CONFIG;
  sandbox = spawn(process.execPath, [sandboxBin, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"], env });
  let banner = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start:\n${banner}`)), 30_000);
    sandbox?.stdout?.on("data", (d: Buffer) => {
      banner += d.toString();
      if (banner.includes(`API        ${origin}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    sandbox?.once("exit", (code) => reject(new Error(`the sandbox exited (${code}):\n${banner}`)));
  });
  reportDir = mkdtempSync(join(tmpdir(), "contract-demo-"));
});

afterAll(async () => {
  for (const child of [cli, sandbox]) {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  }
  if (reportDir) rmSync(reportDir, { recursive: true, force: true });
});

describe("aurous-contract-tests against `aurous-sandbox` with its demo keys", () => {
  it("finds the demo sandbox conforming (scenario suite; the fuzz has its own tests)", async () => {
    const args = [
      bin,
      "--base-url",
      origin,
      "--api-key",
      DEMO_KEYS.acmeFull,
      "--second-team-key",
      DEMO_KEYS.globexFull,
      "--low-credit-key",
      DEMO_KEYS.shoestringFull,
      "--read-only-key",
      DEMO_KEYS.acmeReadOnly,
      "--revoked-key",
      DEMO_KEYS.acmeRevoked,
      "--skip-fuzz",
      "--quiet",
      "--report",
      reportDir,
    ];
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      cli = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      cli.stdout?.on("data", (d: Buffer) => (text += d.toString()));
      cli.stderr?.on("data", (d: Buffer) => (text += d.toString()));
      cli.on("error", reject);
      cli.on("close", (c) => resolve({ code: c, out: text }));
    });
    // Every documented entry passes but those no black-box client can provoke (shown by fault
    // injection instead); both counts come from the spec.
    const spec = loadSpec();
    const entries = buildMatrix(spec).length;
    const unprovokable = notProvokable(listOperations(spec), false).length;
    expect(out).toContain(
      `Matrix: ${entries - unprovokable} pass, 0 fail, 0 not exercised, ${unprovokable} not provokable`,
    );
    expect(code, out.slice(-3000)).toBe(0);
  }, 150_000);
});
