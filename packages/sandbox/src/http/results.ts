// Bridges a domain Failure to the stubs' typed `request.fail`: it compiles only when every failure
// the domain method may return is a (status, code) pair the spec documents for the operation.
import type { ErrorCodeOf, ErrorResult, ErrorStatus, FailFn, OperationId } from "@aurous/server-stubs";
import type { Failure } from "../failure.js";

/** A failure `Op` documents: one of its error statuses with a code documented at that status. */
export type DocumentedFailure<Op extends OperationId> = {
  [S in ErrorStatus<Op>]: Failure<S, ErrorCodeOf<Op, S>>;
}[ErrorStatus<Op>];

export function failWith<Op extends OperationId>(fail: FailFn<Op>, failure: DocumentedFailure<Op>): ErrorResult<Op> {
  return fail(failure.status, failure.code, failure.message, failure.param);
}
