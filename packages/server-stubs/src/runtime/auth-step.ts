// The onRequest step of API routes: API key → authenticate → revocation → scope → Aurous-Version.
// Callback-style so that a synchronous `authenticate` costs no promise.
import type { FastifyRequest, onRequestHookHandler } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type { AuthContext } from "../contract/types.js";
import { extractApiKey, scopeAllows } from "./auth.js";
import { RuntimeReject } from "./errors.js";
import { stateOf } from "./state.js";
import type { VersionResolver } from "./version.js";

export type Authenticate<Auth extends AuthContext> = (
  apiKey: string,
  request: FastifyRequest,
) => Auth | null | undefined | Promise<Auth | null | undefined>;

export function authStep<Auth extends AuthContext>(
  meta: OperationMeta,
  authenticate: Authenticate<Auth>,
  versions: VersionResolver,
): onRequestHookHandler {
  return (request, _reply, done) => {
    const st = stateOf(request);
    st.op = meta;
    const rawPin = request.headers["aurous-version"];
    const pin = rawPin === undefined ? undefined : String(rawPin);
    // Refusals before the pin is checked still echo a version: the pin if valid, else the first.
    const provisional = () => (pin !== undefined && versions.tryResolve(pin)) || versions.first;

    const afterLookup = (auth: Auth | null | undefined): void => {
      if (!auth) {
        st.version = provisional();
        throw new RuntimeReject(401, "invalid_api_key", "The API key is not valid.");
      }
      st.version = (auth.defaultVersion && versions.tryResolve(auth.defaultVersion)) || versions.newest;
      if (auth.revoked) throw new RuntimeReject(401, "revoked_api_key", "The API key was revoked.");
      st.auth = auth;
      if (!scopeAllows(auth.scope, meta.scope)) {
        throw new RuntimeReject(
          403,
          "missing_scope",
          `This operation needs a key with the ${meta.scope} scope; this key has ${auth.scope}.`,
        );
      }
      if (pin !== undefined) st.version = versions.resolve(pin);
    };

    try {
      const key = extractApiKey(request.headers);
      if (key === undefined) {
        st.version = provisional();
        throw new RuntimeReject(401, "missing_api_key", "No API key: send X-Api-Key or Authorization: Bearer <key>.");
      }
      const found = authenticate(key, request);
      if (found && typeof (found as Promise<unknown>).then === "function") {
        (found as Promise<Auth | null | undefined>).then((auth) => {
          try {
            afterLookup(auth);
            done();
          } catch (error) {
            done(error as Error);
          }
        }, done);
        return;
      }
      afterLookup(found as Auth | null | undefined);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}
