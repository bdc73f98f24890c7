// #17's "done when": the program in the client README's "Generate an image from a character"
// section, run as written — transpiled, not edited — against the sandbox started the way `npm start`
// starts it. Only its inputs are supplied: the two reference photos it reads from its working folder
// and the key and URL it reads from the environment (AUROUS_API_KEY / AUROUS_BASE_URL).
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, expect, it } from "vitest";
import { DEMO_KEYS } from "../../src/config/demo.js";
import { jpegBytes, pngBytes } from "../helpers/images.js";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const repoRoot = join(packageRoot, "..", "..");
const readme = join(repoRoot, "packages", "client", "README.md");
// Inside the package, so that `@aurous/client` resolves through its node_modules like a user's app.
const work = join(packageRoot, ".tmp", "readme-flow");
const SECTION = "## Generate an image from a character";

let sandbox: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  if (sandbox && sandbox.exitCode === null) sandbox.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

/** The section's TypeScript block, as a user would copy it. */
function readmeProgram(): string {
  const text = readFileSync(readme, "utf8");
  const section = text.slice(text.indexOf(SECTION));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!text.includes(SECTION) || !block) throw new Error(`no TypeScript block under "${SECTION}" in ${readme}`);
  return block;
}

async function startLikeNpmStart(): Promise<string> {
  sandbox = spawn(process.execPath, [join(repoRoot, "scripts", "start.mjs")], {
    cwd: repoRoot,
    env: { ...process.env, PORT: "0" },
    stdio: "pipe",
  });
  let out = "";
  sandbox.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!out.includes("Press Ctrl-C to stop.")) {
    if (sandbox.exitCode !== null || Date.now() > deadline) throw new Error(`the sandbox did not start:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const origin = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  if (!origin) throw new Error(`no API URL in the banner:\n${out}`);
  return origin;
}

it("uploads refs, creates a character, estimates, generates with it, waits, downloads and reads the balance", async () => {
  const origin = await startLikeNpmStart();
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, "front.jpg"), jpegBytes(768, 1024));
  writeFileSync(join(work, "side.png"), pngBytes(900, 1000));
  const js = ts.transpileModule(readmeProgram(), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  writeFileSync(join(work, "flow.mjs"), js);

  const run = spawnSync(process.execPath, ["flow.mjs"], {
    cwd: work,
    env: { ...process.env, AUROUS_API_KEY: DEMO_KEYS.acmeFull, AUROUS_BASE_URL: origin },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const lines = run.stdout.trim().split("\n");
  // The estimate: one 2k image, no enhancement → the rate card's base price.
  expect(lines[0]).toBe("1 credit");
  // The download: output 0's bytes, every output, and the file on disk (its type and size).
  const [bytes, outputs, contentType, size] = lines[1]!.split(" ");
  expect(Number(bytes)).toBeGreaterThan(0);
  expect(outputs).toBe("1");
  expect(contentType).toBe("image/png");
  expect(size).toBe(bytes);
  const saved = readFileSync(join(work, "night-market.png"));
  expect(saved.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(saved.byteLength).toBe(Number(size));
  // The balance: Acme's 1000 credits less the charged image, nothing left on hold.
  expect(lines[2]).toBe("999 0");
}, 90_000);
