// The banner's "Try it" commands are pasted into a shell: run them through bash (with curl replaced
// by printf) and check the key header that curl would have been given.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { banner } from "../../src/cli/banner.js";
import { demoConfig } from "../../src/config/demo.js";
import type { SandboxConfig } from "../../src/config/load.js";

/** The arguments bash hands to each `curl` of the banner, one array per command. */
function curlArgs(text: string, env: Record<string, string>): string[][] {
  const commands = text
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("curl "));
  expect(commands.length).toBeGreaterThan(0);
  return commands.map((command) => {
    const script = `printf '%s\\0' ${command.slice("curl ".length)}`;
    const out = execFileSync("bash", ["-c", script], {
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
    });
    return out.split("\0").slice(0, -1);
  });
}

describe("the sandbox banner", () => {
  it("quotes the key so that the shell expands $AUROUS_API_KEY for a config's teams", () => {
    const config: SandboxConfig = { ...demoConfig(), source: "/etc/aurous/sandbox.json" };
    const text = banner(config, "http://127.0.0.1:4010", "/tmp/data", true);
    expect(text).toContain("$AUROUS_API_KEY");
    for (const args of curlArgs(text, { AUROUS_API_KEY: "al_live_from_env" })) {
      expect(args).toContain("X-Api-Key: al_live_from_env");
    }
  });

  it("puts the first usable demo key in the commands", () => {
    const config = { ...demoConfig(), source: "demo" };
    const key = config.teams[0]?.keys[0]?.key ?? "";
    for (const args of curlArgs(banner(config, "http://127.0.0.1:4010", "/tmp/data", true), {})) {
      expect(args).toContain(`X-Api-Key: ${key}`);
    }
  });

  it("states both delays and the failure trigger", () => {
    const text = banner(
      { ...demoConfig(), synthesisDelayMs: 10, generationDelayMs: 20, source: "demo" },
      "http://h",
      "/d",
      true,
    );
    expect(text).toContain("Synthesis  10 ms per run; put [sandbox:fail] in a name or additional_details");
    expect(text).toContain("Images     20 ms per generation; put [sandbox:fail] in a prompt to make one fail");
  });
});
