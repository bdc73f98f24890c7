// Per-request state shared by the runtime's steps, kept in a fastify request decoration (declared
// up front so fastify's Request objects keep one shape).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type { AuthContext } from "../contract/types.js";
import type { VersionChange } from "./version-changes.js";

export interface RequestState {
  op: OperationMeta | null;
  /** The Aurous-Version to echo (resolved pin, team default, or the first release). */
  version: string | undefined;
  auth: AuthContext | undefined;
  /** The version change whose request upgrade refused this request, if one did. */
  refusedBy: VersionChange | undefined;
}

const STATE = "aurousState";
type WithState = FastifyRequest & { [STATE]: RequestState | null };

export function declareState(app: FastifyInstance): void {
  app.decorateRequest(STATE, null);
}

export function stateOf(request: FastifyRequest): RequestState {
  const r = request as WithState;
  return (r[STATE] ??= { op: null, version: undefined, auth: undefined, refusedBy: undefined });
}
