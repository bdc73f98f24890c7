import { AurousError } from '../errors/base.js';

/** Anything console-like; `console` itself qualifies. */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

const rank: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function isLogLevel(value: string): value is LogLevel {
  return Object.hasOwn(rank, value);
}

/** A logger that drops what is below `level`, so callers can ask `log.enabled(level)` before formatting. */
export interface LevelLogger extends Logger {
  readonly level: LogLevel;
  enabled(level: Exclude<LogLevel, 'off'>): boolean;
}

const noop = () => {};

export function levelLogger(logger: Logger, level: LogLevel): LevelLogger {
  const at = (wanted: Exclude<LogLevel, 'off'>) => (rank[level] >= rank[wanted] ? logger[wanted].bind(logger) : noop);
  return {
    level,
    enabled: (wanted) => rank[level] >= rank[wanted],
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

/** `logLevel` option, else `AUROUS_LOG`, else 'warn'. A bad option throws; a bad env value is reported and ignored. */
export function resolveLogLevel(option: LogLevel | undefined, env: string | undefined, logger: Logger): LogLevel {
  if (option !== undefined) {
    if (!isLogLevel(option)) throw new AurousError(`logLevel must be one of off, error, warn, info, debug (got "${String(option)}")`);
    return option;
  }
  if (env === undefined) return 'warn';
  const lower = env.toLowerCase();
  if (isLogLevel(lower)) return lower;
  logger.warn(`@aurous/client: ignoring AUROUS_LOG="${env}" (expected off, error, warn, info or debug)`);
  return 'warn';
}

/** `al_live_…abcd`: enough to tell keys apart, never enough to use one. */
export function redactKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, key.lastIndexOf('_') + 1)}…${key.slice(-4)}` : '…';
}

const secretHeaders = new Set(['x-api-key', 'authorization', 'proxy-authorization', 'cookie']);

/** A copy of request headers fit for logs and events: credentials shortened or replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const lower = name.toLowerCase();
    out[name] = !secretHeaders.has(lower) ? headers[name]! : lower === 'x-api-key' ? redactKey(headers[name]!) : '<redacted>';
  }
  return out;
}

/** A URL fit for logs: the signed upload URL's `signature` is its only credential. */
export function redactUrl(url: string): string {
  return url.includes('signature=') ? url.replace(/([?&]signature=)[^&#]*/g, '$1<redacted>') : url;
}
