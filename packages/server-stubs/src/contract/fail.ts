// Typed error builders for implementations (the same function handlers get as `request.fail`).
import type { ErrorCodeOf, ErrorInit, ErrorStatus, FailFn, OperationId } from "./types.js";

function build<S extends number, C extends string>(
  status: S,
  code: C,
  message: string,
  param?: string | null,
): { status: S; error: ErrorInit<C> } {
  return { status, error: { code, message, param: param ?? null } };
}

/**
 * `failFor("getCharacter")(404, "resource_not_found", "No character with this id.", "id")` — the
 * status and code are checked against what the spec documents for the operation.
 */
export function failFor<Op extends OperationId>(_operationId: Op): FailFn<Op> {
  return build as FailFn<Op>;
}

/** One-shot form: `fail("getCharacter", 404, "resource_not_found", "…")`. */
export function fail<Op extends OperationId, S extends ErrorStatus<Op>, C extends ErrorCodeOf<Op, S>>(
  _operationId: Op,
  status: S,
  code: C,
  message: string,
  param?: string | null,
): { status: S; error: ErrorInit<C> } {
  return build(status, code, message, param);
}
