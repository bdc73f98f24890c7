import type { ClientEmitter, ClientEventName } from "./events.js";
import { type LevelLogger, redactUrl } from "./log.js";

// Retries and failed calls are info, not warn: the default level stays quiet about what the caller
// already learns from the result or the thrown error.
const levelOf = { request: "debug", response: "info", retry: "info", error: "info" } as const;

/**
 * The client's own log lines, as listeners of its events (a level below a line adds no listener):
 * `@aurous/client response getCharacter GET https://…` and the event's other fields as an object,
 * which console prints readably and structured loggers keep as fields.
 */
export function attachLogging(events: ClientEmitter, log: LevelLogger) {
  for (const name of Object.keys(levelOf) as ClientEventName[]) {
    const level = levelOf[name];
    if (!log.enabled(level)) continue;
    events.on(name, (event) => {
      const { operation, method, url, error, ...fields } = event as typeof event & { error?: Error };
      if (error) (fields as Record<string, unknown>)["error"] = String(error);
      log[level](`@aurous/client ${name} ${operation} ${method} ${redactUrl(url ?? "")}`, fields);
    });
  }
}
