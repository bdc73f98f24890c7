// A configuration problem worth a one-paragraph human message and exit code 1, never a stack trace.
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
