const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

type Inspect = (value: unknown, options?: Record<string, unknown>) => string;

/** Fields that are objects, shown in short form (the envelope's fields are already on the error). */
function short(key: string, value: unknown): unknown {
  if (key === 'error' || key === 'issues') return undefined;
  if (key === 'character') {
    const { id, status } = (value ?? {}) as { id?: string; status?: string };
    return value ? `${id} (${status})` : value;
  }
  if (key === 'body' && value !== null && value !== undefined) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text;
  }
  return value;
}

/** Root of every error the client throws: `err instanceof AurousError` catches them all. */
export class AurousError extends Error {
  // Explicit names survive minification, unlike `new.target.name`. Fields set in constructors are
  // `declare`d throughout the errors so that no field definitions are emitted (smaller, faster).
  override name = 'AurousError';

  /** The error's own fields (without `response`, which holds a whole undici Response), for logs and JSON. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const key of Object.keys(this)) if (key !== 'name') out[key] = (this as Record<string, unknown>)[key];
    if (this.cause !== undefined) {
      out['cause'] = this.cause instanceof Error ? { name: this.cause.name, message: this.cause.message } : this.cause;
    }
    return out;
  }

  /** `AurousNotFoundError: message (HTTP 404 resource_not_found, request req_…)`. */
  override toString(): string {
    const { status, code, requestId } = this as { status?: number; code?: string; requestId?: string | null };
    const facts = [status !== undefined && `HTTP ${status}${code ? ` ${code}` : ''}`, requestId && `request ${requestId}`];
    const detail = facts.filter(Boolean).join(', ');
    return `${this.name}: ${this.message}${detail ? ` (${detail})` : ''}`;
  }

  /**
   * What Node prints for the error (an uncaught one included): the stack, then the short fields,
   * not the ~90 lines of an undici Response. `err.response` is still there (not enumerable).
   */
  [inspectCustom](depth: number, options: Record<string, unknown>, inspect?: Inspect): string {
    if (depth < 0) return `[${this.toString()}]`;
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(this)) {
      if (key === 'name') continue;
      const value = short(key, (this as Record<string, unknown>)[key]);
      if (value !== undefined) fields[key] = value;
    }
    const render: Inspect = inspect ?? ((value) => JSON.stringify(value));
    const stack = this.stack ?? this.toString();
    let out = Object.keys(fields).length ? `${stack} ${render(fields, { ...options, depth: 1, compact: 3 })}` : stack;
    if (this.cause !== undefined) {
      out += `\n  [cause]: ${render(this.cause, { ...options, depth: Math.min(depth - 1, 1) }).replaceAll('\n', '\n  ')}`;
    }
    return out;
  }
}

/** Sets `response` as a non-enumerable field: reachable, but left out of logs, JSON and spreads. */
export function hideResponse(error: AurousError, response: Response): void {
  Object.defineProperty(error, 'response', { value: response, enumerable: false, writable: false, configurable: true });
}
