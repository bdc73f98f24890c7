// Starts Prism (`prism mock` or `prism proxy`) as a child process on a free 127.0.0.1 port, waits
// until it answers HTTP, and kills its whole process group on stop — or when this process exits,
// so no Prism outlives a crashed test run.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import getPort from "get-port";
import { pollUntil } from "../http/wait.js";

export interface PrismOptions {
  specPath: string;
  /** `mock` serves examples; `proxy` forwards to `upstream` and validates both directions. */
  mode: "mock" | "proxy";
  upstream?: string;
  /**
   * `--errors` (checked against Prism 5.16's code and behaviour): an error-severity violation of
   * the response becomes Prism's own 500 problem instead of passing through, and in `proxy` mode an
   * invalid request is refused instead of forwarded. In `mock` mode an invalid request gets the
   * spec's 400/422 with or without it. Violations are listed in `sl-violations` either way.
   */
  errors?: boolean;
  port?: number;
  readyTimeoutMs?: number;
}

export interface PrismHandle {
  url: string;
  port: number;
  pid: number;
  /** The last lines Prism printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: Prism may fork (--multiprocess)
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Kills every Prism this process started (for signal handlers: `exit` hooks do not run then). */
export function killAllPrism(): void {
  for (const child of live) killGroup(child, "SIGKILL");
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of live) killGroup(child, "SIGKILL");
  });
}

export function prismBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("@stoplight/prism-cli/package.json");
  return join(dirname(pkg), "dist", "index.js");
}

/** Resolves when Prism prints that it listens on `url` (the only signal that it is *our* Prism
 * answering on that port, not some other process that took the port first). */
async function waitForListening(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const listening = () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    return output().includes(`Prism is listening on ${url}`);
  };
  if (await pollUntil(listening, (ok) => ok, { timeoutMs, intervalMs: 100 })) return;
  throw new Error(`Prism did not start on ${url} within ${timeoutMs} ms:\n${output()}`);
}

async function startOnce(options: PrismOptions, port: number): Promise<PrismHandle> {
  const args = [prismBinary(), options.mode, options.specPath];
  if (options.mode === "proxy") {
    if (!options.upstream) throw new Error("prism proxy needs an upstream URL");
    args.push(options.upstream);
  }
  args.push("--host", "127.0.0.1", "--port", String(port), "--cors", "false", "-v", "info");
  if (options.errors) args.push("--errors");
  const child = spawn(process.execPath, args, {
    detached: true, // own process group, so stop() can kill every descendant at once
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  live.add(child);
  installExitHook();
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    // Keep the start-up lines and a window of the latest ones; Prism logs every request at info.
    if (lines.length > 400) lines.splice(50, lines.length - 350);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  exited.then(() => live.delete(child));
  const output = () => lines.join("\n");
  const url = `http://127.0.0.1:${port}`;
  const handle: PrismHandle = {
    url,
    port,
    pid: child.pid ?? -1,
    output,
    async stop() {
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
      // Forked children (if any) share the group: make sure none survive their parent.
      killGroup(child, "SIGKILL");
    },
  };
  try {
    await waitForListening(url, child, options.readyTimeoutMs ?? 60_000, output);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

/** Starts Prism; retries on another port if the chosen one was taken in the meantime. */
export async function startPrism(options: PrismOptions): Promise<PrismHandle> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await getPort({ host: "127.0.0.1" }));
    try {
      return await startOnce(options, port);
    } catch (error) {
      lastError = error;
      if (options.port !== undefined || !String(error).includes("EADDRINUSE")) throw error;
    }
  }
  throw lastError;
}
