type Inspect = (value: unknown, options?: object) => string;

/** Root of every error the client throws: `err instanceof AurousError` catches them all. */
export class AurousError extends Error {
  // Explicit names survive minification, unlike `new.target.name`. Fields set in constructors are
  // `declare`d throughout the errors so that no field definitions are emitted (smaller, faster).
  override name = "AurousError";

  /** `name`, `message` and the error's own fields (`response`, an undici Response, is not one). */
  toJSON(): Record<string, unknown> {
    const { cause } = this;
    const json: Record<string, unknown> = { name: this.name, message: this.message, ...(this as object) };
    if (cause !== undefined)
      json["cause"] = cause instanceof Error ? { name: cause.name, message: cause.message } : cause;
    return json;
  }

  /** `AurousNotFoundError: message (HTTP 404 resource_not_found, request req_…)`. */
  override toString(): string {
    const { status, code, requestId } = this as { status?: number; code?: string; requestId?: string | null };
    const facts = [status && `HTTP ${status}${code ? ` ${code}` : ""}`, requestId && `request ${requestId}`].filter(
      Boolean,
    );
    return `${this.name}: ${this.message}${facts.length ? ` (${facts.join(", ")})` : ""}`;
  }

  /**
   * What Node prints for the error (an uncaught one included): the stack, then the short fields,
   * not the ~90 lines of an undici Response. `err.response` is still there (not enumerable).
   */
  [Symbol.for("nodejs.util.inspect.custom")](
    depth: number,
    options: object,
    inspect: Inspect = (value) => JSON.stringify(value),
  ): string {
    if (depth < 0) return `[${this}]`;
    // The envelope and the issues repeat fields already shown; a long body is cut short.
    const { name, message, error, issues, cause, ...fields } = this.toJSON();
    const body = typeof fields["body"] === "string" ? fields["body"] : JSON.stringify(fields["body"]);
    if (body?.length > 200) fields["body"] = `${body.slice(0, 200)}… (${body.length} chars)`;
    return `${this.stack} ${inspect(fields, { ...options, depth: 1 })}${cause === undefined ? "" : `\n  [cause]: ${inspect(this.cause, options)}`}`;
  }
}

/** Sets `response` as a non-enumerable field: reachable, but left out of logs, JSON and spreads. */
export function hideResponse(error: AurousError, response: Response): void {
  Object.defineProperty(error, "response", { value: response, configurable: true });
}
