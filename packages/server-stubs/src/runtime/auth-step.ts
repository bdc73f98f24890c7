// The onRequest step of API routes: API key (or, where the operation takes one, a URL token) →
// authenticate → revocation → scope → Aurous-Version. Callback-style so that a synchronous lookup
// costs no promise.
import type { FastifyRequest, onRequestHookHandler } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type { ApiOperationId, AuthContext } from "../contract/types.js";
import { extractApiKey, scopeAllows } from "./auth.js";
import { RuntimeReject } from "./errors.js";
import { refusalCode } from "./refusals.js";
import { type RequestState, stateOf } from "./state.js";
import type { VersionResolver } from "./version.js";

export type Authenticate<Auth extends AuthContext> = (
  apiKey: string,
  request: FastifyRequest,
) => Auth | null | undefined | Promise<Auth | null | undefined>;

/**
 * Verifies the token of an operation's URL-token alternative (`OperationMeta.urlToken`, e.g. the
 * `token` of an output URL) against the request (`request.params` are the raw path strings); returns
 * the Auth the request acts as, or null/undefined when it does not verify.
 */
export type VerifyUrlToken<Auth extends AuthContext> = (
  token: string,
  request: FastifyRequest,
  operationId: ApiOperationId,
) => Auth | null | undefined | Promise<Auth | null | undefined>;

type Lookup<Auth> = Auth | null | undefined | Promise<Auth | null | undefined>;

/** The token in the query: undefined when absent or empty; null when it is not one string (repeated). */
function tokenIn(query: unknown, name: string): string | null | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === "") return undefined;
  return typeof value === "string" ? value : null;
}

export function authStep<Auth extends AuthContext>(
  meta: OperationMeta,
  authenticate: Authenticate<Auth>,
  versions: VersionResolver,
  verifyUrlToken?: VerifyUrlToken<Auth>,
): onRequestHookHandler {
  // Refusals before the pin is checked still echo a version: the pin if valid, else the first.
  const provisional = (pin: string | undefined) => (pin !== undefined && versions.tryResolve(pin)) || versions.first;
  const tokenName = meta.urlToken?.paramName;
  const tokenParam = meta.parameters.find((p) => p.in === "query" && p.name === tokenName)?.errorParam ?? tokenName;
  // assertRefusable has checked at startup that an operation with a URL token documents this code.
  const badTokenCode = meta.urlToken ? refusalCode(meta, "badSignature")! : "";
  const badKey = () => new RuntimeReject(401, "invalid_api_key", "The API key is not valid.");
  const badToken = () => new RuntimeReject(401, badTokenCode, "The token does not match this URL.", tokenParam);

  // Throws the refusal; otherwise the request's state holds the team and version.
  const afterLookup = (
    st: RequestState,
    pin: string | undefined,
    auth: Auth | null | undefined,
    invalid: () => RuntimeReject,
  ): void => {
    if (!auth) {
      st.version = provisional(pin);
      throw invalid();
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

  /** The lookup this request's credential calls for, and the refusal when it finds nothing. */
  const lookup = (request: FastifyRequest, st: RequestState, pin: string | undefined) => {
    const key = extractApiKey(request.headers);
    if (key !== undefined) return { found: authenticate(key, request), invalid: badKey };
    // No key: the operation's URL token, if it takes one and the query carries it.
    const token = tokenName === undefined ? undefined : tokenIn(request.query, tokenName);
    if (token === undefined) {
      st.version = provisional(pin);
      const how = tokenName === undefined ? "" : ` or the URL's ${tokenName}`;
      throw new RuntimeReject(
        401,
        "missing_api_key",
        `No API key: send X-Api-Key or Authorization: Bearer <key>${how}.`,
      );
    }
    // A token nobody can verify (no verifyUrlToken given) is refused like a forged one.
    if (token === null || !verifyUrlToken) {
      st.version = provisional(pin);
      throw badToken();
    }
    return {
      found: verifyUrlToken(token, request, meta.operationId as ApiOperationId) as Lookup<Auth>,
      invalid: badToken,
    };
  };

  return (request, reply, done) => {
    reply.header("Aurous-Request-Id", request.id);
    const st = stateOf(request);
    st.op = meta;
    const rawPin = request.headers["aurous-version"];
    const pin = rawPin === undefined ? undefined : String(rawPin);
    try {
      const { found, invalid } = lookup(request, st, pin);
      if (found && typeof (found as Promise<unknown>).then === "function") {
        (found as Promise<Auth | null | undefined>).then((auth) => {
          try {
            afterLookup(st, pin, auth, invalid);
            done();
          } catch (error) {
            done(error as Error);
          }
        }, done);
        return;
      }
      afterLookup(st, pin, found as Auth | null | undefined, invalid);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}
