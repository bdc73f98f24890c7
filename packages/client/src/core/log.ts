import { AurousError } from "../errors/base.js";

/** Anything console-like; `console` itself qualifies. */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

// In order of verbosity: a level logs its own lines and those of every level before it.
const levels: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

/** A logger that drops what is below `level`, so callers can ask `log.enabled(level)` before formatting. */
export interface LevelLogger extends Logger {
  readonly level: LogLevel;
  enabled(level: Exclude<LogLevel, "off">): boolean;
}

export function levelLogger(logger: Logger, level: LogLevel): LevelLogger {
  const enabled = (wanted: LogLevel) => levels.indexOf(wanted) <= levels.indexOf(level);
  const out = { level, enabled } as Record<string, unknown>;
  for (const name of levels.slice(1) as Array<keyof Logger>) {
    out[name] = enabled(name) ? (message: string, ...rest: unknown[]) => logger[name](message, ...rest) : () => {};
  }
  return out as unknown as LevelLogger;
}

/** `logLevel` option, else `AUROUS_LOG`, else 'warn'. A bad option throws; a bad env value is reported and ignored. */
export function resolveLogLevel(option: LogLevel | undefined, env: string | undefined, logger: Logger): LogLevel {
  const level = (option ?? env?.toLowerCase() ?? "warn") as LogLevel;
  if (levels.includes(level)) return level;
  const problem = `${option ? "logLevel" : "AUROUS_LOG"} "${option ?? env}" is not one of ${levels.join(", ")}`;
  if (option) throw new AurousError(problem);
  logger.warn(`@aurous/client: ${problem}; using warn`);
  return "warn";
}

/** `al_live_…abcd`: enough to tell keys apart, never enough to use one. */
export const redactKey = (key: string): string =>
  key.length > 12 ? `${key.slice(0, key.lastIndexOf("_") + 1)}…${key.slice(-4)}` : "…";

/** A copy of request headers fit for logs and events: credentials shortened or replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const lower = name.toLowerCase();
    out[name] =
      lower === "x-api-key"
        ? redactKey(headers[name]!)
        : /^(authorization|proxy-authorization|cookie)$/.test(lower)
          ? "<redacted>"
          : headers[name]!;
  }
  return out;
}

/** A URL fit for logs: the signed upload URL's `signature` is its only credential. */
export const redactUrl = (url: string): string => url.replace(/([?&]signature=)[^&#]*/g, "$1<redacted>");
