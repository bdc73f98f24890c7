// A domain refusal, independent of HTTP plumbing: the integration layer turns it into the API's
// error envelope through the server stubs' helpers.
export interface Failure {
  ok: false;
  status: 400 | 401 | 402 | 403 | 404 | 409 | 413 | 500;
  code: string;
  message: string;
  param: string | null;
}

export type Result<T> = { ok: true; value: T } | Failure;

export function fail(status: Failure["status"], code: string, message: string, param: string | null = null): Failure {
  return { ok: false, status, code, message, param };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
