// A domain refusal, independent of HTTP plumbing: the integration layer turns it into the API's
// error envelope through the server stubs' helpers. Status and code stay literal types, so that a
// handler passing one on (http/results.ts) only compiles if its operation documents that pair.
export interface Failure<S extends number = number, C extends string = string> {
  ok: false;
  status: S;
  code: C;
  message: string;
  param: string | null;
}

/** A value, or one of the failures `F` a method may answer with. */
export type Result<T, F extends Failure = Failure> = { ok: true; value: T } | F;

export function fail<S extends number, C extends string>(
  status: S,
  code: C,
  message: string,
  param: string | null = null,
): Failure<S, C> {
  return { ok: false, status, code, message, param };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
