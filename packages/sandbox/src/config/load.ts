// Finds, reads and validates the configuration: --config, else AUROUS_SANDBOX_CONFIG, else the
// built-in demo teams. --port, else PORT, overrides the file's port.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { demoConfig } from "./demo.js";
import { ConfigError } from "./errors.js";
import { formatIssues } from "./format.js";
import { type ConfigFile, configSchema } from "./schema.js";

export interface SandboxConfig extends ConfigFile {
  /** Where the teams came from: a file path, or "demo" for the built-in teams. */
  source: string;
}

export interface LoadOptions {
  configPath?: string | undefined;
  port?: string | number | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function parsePort(value: string | number, origin: string): number {
  const port = typeof value === "number" ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${origin} must be a port number between 0 and 65535, not "${value}".`);
  }
  return port;
}

/** Validates an already-parsed config object; `label` names it in messages. */
export function validateConfig(raw: unknown, label: string): ConfigFile {
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data;
  const lines = formatIssues(parsed.error.issues).map((line) => `  - ${line}`);
  throw new ConfigError(`Invalid sandbox config ${label}:\n${lines.join("\n")}`);
}

export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "the file does not exist" : code === "EISDIR" ? "it is a directory" : String(code ?? error);
    throw new ConfigError(`Cannot read sandbox config ${path}: ${why}.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Sandbox config ${path} is not valid JSON: ${(error as Error).message}.`);
  }
  const config = validateConfig(raw, path);
  // A relative dataDir is read relative to the config file, so the file works from any directory.
  if (config.dataDir) config.dataDir = resolve(dirname(path), config.dataDir);
  return config;
}

export function loadConfig(options: LoadOptions = {}): SandboxConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const fromEnv = env.AUROUS_SANDBOX_CONFIG?.trim();
  const path = options.configPath ?? (fromEnv ? fromEnv : undefined);
  const config: SandboxConfig = path
    ? { ...readConfigFile(resolve(cwd, path)), source: resolve(cwd, path) }
    : { ...demoConfig(), source: "demo" };
  if (options.port !== undefined) config.port = parsePort(options.port, "--port");
  else if (env.PORT !== undefined && env.PORT.trim() !== "") config.port = parsePort(env.PORT, "PORT");
  return config;
}
