// Child processes for the release check. The root package has no runtime dependencies by design
// (scripts/run.mjs must work with only Node and npm), so this is a small wrapper over
// node:child_process rather than execa. It is asynchronous on purpose: the sandbox runs inside the
// check's own process, and a synchronous spawn would block the event loop that serves it.
import { spawn } from "node:child_process";

/** Children still running, so that a failure or a signal can stop them before exiting. */
const running = new Set();

/**
 * Runs a command to completion, capturing stdout and stderr interleaved as `output` (printed only
 * when the step fails, to keep a passing run short) and stdout alone as `stdout` (for --json
 * answers). Never rejects: a spawn error is a failed result.
 */
export function exec(command, args, { cwd, env = process.env, timeoutMs = 5 * 60_000 } = {}) {
  return new Promise((resolve) => {
    let output = "";
    let stdout = "";
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    const append = (chunk) => (output += chunk);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      append(chunk);
    });
    child.stderr.on("data", append);
    const timer = setTimeout(() => {
      output += `\n[release-check] timed out after ${timeoutMs / 1000}s; stopping it\n`;
      child.kill("SIGTERM");
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, output, stdout });
    };
    child.on("error", (error) => {
      output += `\n${error.message}\n`;
      finish(-1);
    });
    child.on("close", (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

/** Stops every child still running (on SIGINT/SIGTERM of the check itself). */
export function stopRunning() {
  for (const child of running) child.kill("SIGTERM");
}

/** The environment of the fresh consumer app's npm: the caller's, without what `npm run` / `pnpm`
 * export about the *workspace* (npm_config_local_prefix would even point npm back at it). Only
 * the settings that say how to reach the registry are kept. */
export function cleanNpmEnv(env = process.env) {
  const keep =
    /^npm_config_(registry|cache|cafile|ca|proxy|https_proxy|noproxy|strict_ssl|userconfig|globalconfig|@.+:registry|\/\/.+)$/i;
  const clean = {};
  for (const [name, value] of Object.entries(env)) {
    if (/^npm_/i.test(name) && !keep.test(name)) continue;
    if (name === "INIT_CWD" || name === "PNPM_SCRIPT_SRC_DIR") continue;
    clean[name] = value;
  }
  return { ...clean, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}
