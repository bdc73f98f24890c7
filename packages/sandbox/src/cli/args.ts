// Command-line flags of `aurous-sandbox`.
import { parseArgs } from "node:util";
import { ConfigError } from "../config/errors.js";

export const USAGE = `Usage: aurous-sandbox [--config FILE] [--port PORT]

A local, stateful implementation of the Aurous Labs V1 Characters API, with its docs at /docs.

Options:
  -c, --config FILE  Teams, keys and credits as JSON (default: $AUROUS_SANDBOX_CONFIG, else the
                     built-in demo teams, whose keys are printed at start)
  -p, --port PORT    Port to listen on (default: $PORT, else the config's port, else 4010; 0 picks a free one)
  -h, --help         Show this help

See packages/sandbox/README.md for the config format, the demo keys and the sandbox's behaviour.`;

export interface CliArgs {
  help: boolean;
  configPath: string | undefined;
  port: string | undefined;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: "string", short: "c" },
        port: { type: "string", short: "p" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
    return { help: values.help ?? false, configPath: values.config, port: values.port };
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${USAGE}`);
  }
}
