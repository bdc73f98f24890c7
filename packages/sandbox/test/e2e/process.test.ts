// The sandbox as a person runs it: the root start script and the aurous-sandbox bin, spawned as
// real processes (they run the built dist/, which turbo builds before tests).
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_KEYS } from "../../src/config/demo.js";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const repoRoot = join(packageRoot, "..", "..");
const cli = join(packageRoot, "dist", "cli.js");
const startScript = join(repoRoot, "scripts", "start.mjs");
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: "pipe" });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForOutput(r: Run, text: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!r.stdout().includes(text)) {
    if (r.child.exitCode !== null) throw new Error(`exited early: ${r.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" in output:\n${r.stdout()}\n${r.stderr()}`);
    await new Promise((res) => setTimeout(res, 25));
  }
}

describe("the root start script", () => {
  it("is built", () => {
    expect(existsSync(cli)).toBe(true);
  });

  it("prints the base URL, docs URL, demo keys and a curl; serves the API and docs; stops cleanly on SIGTERM", async () => {
    const r = run([startScript], { PORT: "0" });
    await waitForOutput(r, "Press Ctrl-C to stop.");
    const out = r.stdout();
    const origin = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(origin).toBeDefined();
    expect(out).toContain(`Docs       ${origin}/docs`);
    for (const key of Object.values(DEMO_KEYS)) expect(out).toContain(key);
    expect(out).toContain(`curl -s ${origin}/v1/characters -H "X-Api-Key: ${DEMO_KEYS.acmeFull}"`);

    const list = await fetch(`${origin}/v1/characters`, { headers: { "X-Api-Key": DEMO_KEYS.acmeFull } });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ object: "list", data: [], has_more: false, next_cursor: null });
    const docs = await fetch(`${origin}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toContain("text/html");
    expect(await docs.text()).toContain("<html");

    // Leave a synthesis pending so shutdown has a timer to cancel.
    const pending = await fetch(`${origin}/v1/characters`, {
      method: "POST",
      headers: { "X-Api-Key": DEMO_KEYS.acmeFull, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Pending", generate: true, attributes: { gender: "female" } }),
    });
    expect(pending.status).toBe(201);

    const started = Date.now();
    r.child.kill("SIGTERM");
    const { code } = await r.exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.stdout()).toContain("Sandbox stopped.");
    expect(r.stderr()).toBe("");
    await expect(fetch(`${origin}/v1/characters`)).rejects.toThrow();
  });
});

describe("the aurous-sandbox bin", () => {
  it("explains a bad config file and exits 1 without a stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-cli-"));
    const file = join(dir, "teams.json");
    writeFileSync(file, JSON.stringify({ port: 4010, teams: [{ id: "team_1", name: "T", credits: -5, keys: [] }] }));
    const r = run([cli, "--config", file]);
    const { code } = await r.exited;
    expect(code).toBe(1);
    expect(r.stderr()).toContain(`Invalid sandbox config ${file}:`);
    expect(r.stderr()).toContain('teams[0].id: must be "team_" followed by a 26-character ULID');
    expect(r.stderr()).toContain("teams[0].credits: must not be negative");
    expect(r.stderr()).toContain("teams[0].keys: must list at least one key");
    expect(r.stderr()).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("reads AUROUS_SANDBOX_CONFIG, and reports a missing file, a bad flag and a busy port", async () => {
    const missing = run([cli], { AUROUS_SANDBOX_CONFIG: "/nonexistent/teams.json" });
    expect((await missing.exited).code).toBe(1);
    expect(missing.stderr().trim()).toBe(
      "Cannot read sandbox config /nonexistent/teams.json: the file does not exist.",
    );

    const flag = run([cli, "--colour"]);
    expect((await flag.exited).code).toBe(1);
    expect(flag.stderr()).toContain("Unknown option '--colour'");
    expect(flag.stderr()).toContain("Usage: aurous-sandbox");

    const first = run([cli, "--port", "0"]);
    await waitForOutput(first, "Press Ctrl-C to stop.");
    const port = /127\.0\.0\.1:(\d+)/.exec(first.stdout())![1]!;
    const second = run([cli, "--port", port]);
    expect((await second.exited).code).toBe(1);
    expect(second.stderr().trim()).toBe(
      `Port ${port} is already in use on 127.0.0.1; pass --port (or set PORT) to use another.`,
    );
    first.child.kill("SIGINT");
    expect((await first.exited).code).toBe(0);
  });

  it("prints its usage with --help", async () => {
    const r = run([cli, "--help"]);
    expect((await r.exited).code).toBe(0);
    expect(r.stdout()).toContain("--config FILE");
    expect(r.stdout()).toContain("--port PORT");
  });
});
