import type { ClientEmitter } from './events.js';
import { type LevelLogger, redactUrl } from './log.js';

const where = (method: string | undefined, url: string | undefined) => (url ? `${method} ${redactUrl(url)}` : '');
const id = (requestId: string | null) => (requestId ? `, request ${requestId}` : '');

/** The client's own log lines, as listeners of its events; a level below a line adds no listener. */
export function attachLogging(events: ClientEmitter, log: LevelLogger) {
  if (log.enabled('debug')) {
    events.on('request', (e) =>
      log.debug(`@aurous/client → ${where(e.method, e.url)} (${e.operation}, attempt ${e.attempt})`, e.headers),
    );
  }
  if (log.enabled('info')) {
    events.on('response', (e) =>
      log.info(
        `@aurous/client ← ${e.status} ${where(e.method, e.url)} in ${Math.round(e.elapsedMs)} ms (${e.operation}, attempt ${e.attempt}${id(e.requestId)})`,
      ),
    );
  }
  if (log.enabled('warn')) {
    events.on('retry', (e) =>
      log.warn(
        `@aurous/client ${e.operation} attempt ${e.attempt} failed (${e.reason}${id(e.requestId)}); retrying in ${Math.round(e.delayMs)} ms`,
      ),
    );
  }
  // A retryable failure that outlasted its retries is trouble worth an error line; a documented
  // refusal (404, 400…) is the caller's to handle, so it is only info.
  if (log.enabled('info') || log.enabled('error')) {
    events.on('error', (e) => {
      const line = `@aurous/client ${e.operation} failed after ${e.attempt} attempt(s): ${e.error.name}: ${e.error.message}${id(e.requestId)}`;
      if (e.retryable) log.error(line);
      else log.info(line);
    });
  }
}
