// The published bin, run as a user would: against a conforming sandbox it exits 0 and writes the
// report; against a broken one (a renamed error code) it exits 1 and names the problem; bad usage
// exits 2 with one clear line.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MutationProxy, startMutationProxy } from "../src/mutation/proxy.js";
import { startTestSandbox, type TestSandbox } from "./support/sandbox.js";

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
let sandbox: TestSandbox;
let broken: MutationProxy;
let reportDir: string;

const children = new Set<ReturnType<typeof spawn>>();

function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    child.on("exit", () => children.delete(child));
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (process.env.CONTRACT_VERBOSE) process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

const keyArgs = () => [
  "--api-key",
  sandbox.keys.full,
  "--second-team-key",
  sandbox.keys.secondTeam,
  "--low-credit-key",
  sandbox.keys.lowCredit,
  "--read-only-key",
  sandbox.keys.readOnly,
  "--revoked-key",
  sandbox.keys.revoked,
  ...sandbox.keys.fuzzTeams.flatMap((k) => ["--fuzz-key", k]),
];

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm build\` first (turbo does before test)`);
  sandbox = await startTestSandbox();
  broken = await startMutationProxy(sandbox.origin, [
    { kind: "rename-code", from: "resource_not_found", to: "no_such_character" },
  ]);
  reportDir = mkdtempSync(join(tmpdir(), "contract-cli-"));
});

afterAll(async () => {
  // A CLI still running (a timed-out test) is told to stop; it stops its Prism processes itself.
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, children.size > 0 ? 2000 : 0));
  await broken?.close();
  await sandbox?.close();
  if (reportDir) rmSync(reportDir, { recursive: true, force: true });
});

describe("aurous-contract-tests (the bin)", () => {
  it("exits 0 against the conforming sandbox, with progress, a summary and the report", async () => {
    const { code, out } = await runCli([
      "--base-url",
      sandbox.origin,
      ...keyArgs(),
      "--runs",
      "300",
      "--budget",
      "4m",
      "--report",
      reportDir,
    ]);
    // --budget plans the fuzz from the spec's rate limits (here --runs caps it; 10 fuzz teams fit 300).
    expect(out).toMatch(
      / {2}budget: \S+ left for the fuzz → 300 requests with 10 team\(s\), about \S+ at the spec's rate limits: .*characters_post \d+\/team \(30\/min, burst 60\)/,
    );
    expect(out).toMatch(/▸ fuzz: 300 generated requests/);
    expect(out).toMatch(/\nTime: \S+ of a 4m budget\n/);
    expect(out).toMatch(/✓ upload_url|✓ getCharacter 200/);
    expect(out).toMatch(/Fuzz: \d+ requests, 0 wrong answers/);
    expect(out).toContain("✓ The deployment conforms to the contract.");
    expect(code, out.slice(-3000)).toBe(0);
    const md = readFileSync(join(reportDir, "contract-report.md"), "utf8");
    expect(md).toContain("**Verdict: conforming**");
    // Without clock control the URL expiry is shown by injection, with its reason.
    expect(md).toMatch(
      /uploadCharacterImage 401 upload_url_expired \| server \| ➖ not provokable \| the upload URL expires 15 minutes after minting/,
    );
    expect(readFileSync(join(reportDir, "contract-junit.xml"), "utf8")).toContain('<testsuite name="fuzz"');
  }, 150_000);

  it("exits 1 against a server that renames an error code, and names it", async () => {
    // The first run emptied the main team's buckets: refill them rather than wait.
    sandbox.clock.advance(60 * 60 * 1000);
    const { code, out } = await runCli([
      "--base-url",
      broken.url,
      ...keyArgs(),
      "--skip-fuzz",
      "--quiet",
      "--report",
      reportDir,
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(/✗ getCharacter 404 resource_not_found: fail/);
    expect(out).toContain("✗ The deployment does NOT conform to the contract.");
  }, 150_000);

  it("exits 2 with one line on bad usage, and prints help", async () => {
    const missing = await runCli(["--base-url", "http://127.0.0.1:1"]);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain("--api-key is required");
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("--second-team-key KEY");
  });
});
