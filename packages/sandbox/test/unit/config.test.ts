import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_KEYS, demoConfig } from "../../src/config/demo.js";
import { ConfigError } from "../../src/config/errors.js";
import { loadConfig, validateConfig } from "../../src/config/load.js";

const dir = mkdtempSync(join(tmpdir(), "sandbox-config-"));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}
const goodTeam = {
  id: "team_01J00000000000000000000000",
  name: "Test",
  credits: 10,
  keys: [{ key: `al_live_${"1".repeat(64)}`, scope: "full" }],
};
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("demo config", () => {
  it("is valid, has fixed keys and the teams the README promises", () => {
    const config = validateConfig(demoConfig(), "demo");
    expect(config.teams.map((t) => t.credits)).toEqual([1000, 1000, 3]);
    const keys = config.teams.flatMap((t) => t.keys);
    expect(keys.find((k) => k.key === DEMO_KEYS.acmeRevoked)?.revoked).toBe(true);
    expect(keys.find((k) => k.key === DEMO_KEYS.acmeReadOnly)?.scope).toBe("read");
    expect(DEMO_KEYS.acmeFull).toBe(`al_live_${"a".repeat(64)}`);
  });
});

describe("loadConfig", () => {
  it("uses the demo teams without a file, and PORT overrides the port", () => {
    const config = loadConfig({ env: { PORT: "4999" } });
    expect(config.source).toBe("demo");
    expect(config.port).toBe(4999);
  });

  it("reads --config before AUROUS_SANDBOX_CONFIG, applies defaults and resolves dataDir next to the file", () => {
    const a = file("a.json", { teams: [goodTeam], dataDir: "data" });
    const b = file("b.json", { teams: [goodTeam], port: 5001 });
    const fromFlag = loadConfig({ configPath: a, env: { AUROUS_SANDBOX_CONFIG: b } });
    expect(fromFlag).toMatchObject({
      source: a,
      port: 4010,
      host: "127.0.0.1",
      synthesisDelayMs: 3000,
      generationDelayMs: 1500,
      dataDir: join(dir, "data"),
    });
    expect(fromFlag.teams[0]!.keys[0]!.revoked).toBe(false);
    expect(loadConfig({ env: { AUROUS_SANDBOX_CONFIG: b } }).port).toBe(5001);
    expect(loadConfig({ env: { AUROUS_SANDBOX_CONFIG: b }, port: "0" }).port).toBe(0);
  });

  it("names each bad field and what is wrong with it", () => {
    const path = file("bad.json", {
      port: "4010",
      synthesisDelayMs: -1,
      generationDelayMs: 600_001,
      colour: "blue",
      teams: [
        { ...goodTeam, name: "", keys: [{ key: "al_live_short", scope: "admin" }] },
        { ...goodTeam, credits: 1.5 },
      ],
    });
    const message = messageOf(() => loadConfig({ configPath: path, env: {} }));
    expect(message).toContain(`Invalid sandbox config ${path}:`);
    expect(message).toContain('(the top level): has unknown field "colour"');
    expect(message).toContain("port: must be a number, not a string");
    expect(message).toContain("synthesisDelayMs: must be between 0 and 600000");
    expect(message).toContain("generationDelayMs: must be between 0 and 600000");
    expect(message).toContain("teams[0].name: must not be empty");
    expect(message).toContain('teams[0].keys[0].key: must be "al_live_" followed by 64 lowercase hex characters');
    expect(message).toContain("teams[0].keys[0].scope: must be one of read, write, full");
    expect(message).toContain("teams[1].credits: must be a whole number");
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("reports missing fields, and duplicates once the fields are well-formed", () => {
    const missing = messageOf(() => validateConfig({ teams: [goodTeam, { name: "x" }] }, "x.json"));
    expect(missing).toContain("teams[1].id: is required");
    expect(missing).toContain("teams[1].keys: is required");
    const duplicates = messageOf(() => validateConfig({ teams: [goodTeam, { ...goodTeam, name: "Again" }] }, "x.json"));
    expect(duplicates).toContain("teams[1].id: duplicates teams[0].id");
    expect(duplicates).toContain("teams[1].keys[0].key: duplicates teams[0].keys[0].key");
    expect(messageOf(() => validateConfig({}, "x.json"))).toContain("teams: is required");
    expect(messageOf(() => validateConfig([], "x.json"))).toContain("(the top level): must be an object, not an array");
  });

  it("explains unreadable files, broken JSON and bad ports", () => {
    expect(messageOf(() => loadConfig({ configPath: join(dir, "nope.json"), env: {} }))).toMatch(
      /Cannot read sandbox config .*nope\.json: the file does not exist\./,
    );
    expect(messageOf(() => loadConfig({ configPath: file("broken.json", "{ teams: "), env: {} }))).toMatch(
      /is not valid JSON/,
    );
    expect(messageOf(() => loadConfig({ env: { PORT: "http" } }))).toBe(
      'PORT must be a port number between 0 and 65535, not "http".',
    );
    expect(messageOf(() => loadConfig({ env: {}, port: "70000" }))).toBe(
      '--port must be a port number between 0 and 65535, not "70000".',
    );
  });
});
