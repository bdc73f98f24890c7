// Bridges a domain Failure to the stubs' typed `request.fail`. The status and code are checked by
// the runtime's response validation (an undocumented pair becomes a logged 500), so the cast here
// cannot smuggle an off-spec error to a client.
import type { ErrorResult, FailFn, OperationId } from "@aurous/server-stubs";
import type { Failure } from "../failure.js";

export function failWith<Op extends OperationId>(fail: FailFn<Op>, failure: Failure): ErrorResult<Op> {
  const untyped = fail as unknown as (status: number, code: string, message: string, param: string | null) => ErrorResult<Op>;
  return untyped(failure.status, failure.code, failure.message, failure.param);
}
