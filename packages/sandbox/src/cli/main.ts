// `aurous-sandbox`: load the config, start the server, print the banner, stop cleanly on SIGINT or
// SIGTERM. Problems the user can fix (a bad config, a busy port) are one clear message and exit 1.
import { ConfigError } from "../config/errors.js";
import { loadConfig } from "../config/load.js";
import { createSandbox, type Sandbox } from "../sandbox.js";
import { parseCliArgs, USAGE } from "./args.js";
import { banner } from "./banner.js";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};

function startupProblem(error: unknown, host: string, port: number): string | undefined {
  if (error instanceof ConfigError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE")
    return `Port ${port} is already in use on ${host}; pass --port (or set PORT) to use another.`;
  if (code === "EACCES") return `Not allowed to listen on ${host}:${port}; pick a port above 1023.`;
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
    return `Cannot listen on host ${host}: it is not an address of this machine.`;
  return undefined;
}

/** Runs the sandbox until a signal stops it; resolves to the sandbox once it listens, or exits the process on a startup problem. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<Sandbox | undefined> {
  let host = "127.0.0.1";
  let port = 4010;
  let sandbox: Sandbox | undefined;
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.out(USAGE);
      return undefined;
    }
    const config = loadConfig({ configPath: args.configPath, port: args.port, env: io.env });
    ({ host, port } = config);
    sandbox = createSandbox({ config, onError: (message, error) => io.err(`[sandbox] ${message}: ${String(error)}`) });
    const origin = await sandbox.listen();
    io.out(banner(config, origin, sandbox.dataDir, config.dataDir === undefined));
  } catch (error) {
    await sandbox?.close().catch(() => {});
    const problem = startupProblem(error, host, port);
    io.err(problem ?? `The sandbox could not start: ${(error as Error).message ?? String(error)}`);
    process.exitCode = 1;
    return undefined;
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      io.err(`Received ${signal} again; exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    io.out(`\nReceived ${signal}; stopping the sandbox…`);
    sandbox!.close().then(
      () => {
        io.out("Sandbox stopped.");
        process.exit(0);
      },
      (error: unknown) => {
        io.err(`Shutting down failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return sandbox;
}
