// A target where nothing listens: the bin stops at once with one line (no Prism, no scenario, no
// report), and the suite itself never counts a fault-injected entry as shown when the target never
// answered (the proxy's fake would be the only answer of the run).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpecValidator } from "../src/conformance/validator.js";
import { type Harness, startHarness } from "../src/server/harness.js";
import { runServerSuite } from "../src/server/suite.js";
import { defaultSpecPath, loadSpec } from "../src/spec/bundle.js";

const bin = fileURLToPath(new URL("../bin/aurous-contract-tests.js", import.meta.url));
let deadUrl: string;
let harness: Harness | undefined;

/** A port that was free a moment ago and that nobody listens on now. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  deadUrl = `http://127.0.0.1:${await deadPort()}`;
});

afterAll(async () => {
  await harness?.stop();
});

describe("a target where nothing listens", () => {
  it("the bin exits 2 with one line naming the URL and the reason, before starting anything", async () => {
    const { code, stdout, stderr } = await runCli([
      "--base-url",
      deadUrl,
      "--api-key",
      "k1",
      "--second-team-key",
      "k2",
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toEqual([
      `aurous-contract-tests: nothing answers at ${deadUrl} (ECONNREFUSED): check --base-url and that the server is running`,
    ]);
  });

  it("the suite reports no fault-injected entry as shown when the target never answered", async () => {
    const doc = loadSpec();
    harness = await startHarness({ specPath: defaultSpecPath(), serverUrl: deadUrl });
    const result = await runServerSuite({
      doc,
      validator: new SpecValidator(doc),
      harness,
      keys: { full: "k1", secondTeam: "k2" },
      groups: ["faults"],
    });
    const faulted = [...result.results].filter(([id]) => / 500 internal_error$| upload_url_expired$/.test(id));
    expect(faulted.length).toBeGreaterThanOrEqual(11);
    for (const [id, r] of faulted) {
      expect(r.outcome, id).toBe("fail");
      expect(r.detail).toContain("the target never answered");
    }
    expect([...result.results.values()].filter((r) => r.outcome === "pass" || r.outcome === "not-provokable")).toEqual(
      [],
    );
  });
});
