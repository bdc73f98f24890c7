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
  // Retries and failed calls are info, not warn: the default level stays quiet about what the
  // caller already learns from the result or the thrown error.
  if (log.enabled('info')) {
    events.on('retry', (e) =>
      log.info(
        `@aurous/client ${e.operation} attempt ${e.attempt} failed (${e.reason}${id(e.requestId)}); retrying in ${Math.round(e.delayMs)} ms`,
      ),
    );
  }
  if (log.enabled('info')) {
    events.on('error', (e) =>
      log.info(
        `@aurous/client ${e.operation} failed after ${e.attempt} attempt(s): ${e.error.name}: ${e.error.message}${id(e.requestId)}`,
      ),
    );
  }
}
