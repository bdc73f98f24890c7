// Entries every API-host operation documents alike: the success of a read that needs no state,
// the three 401s, 403 missing_scope, 400 unknown_version, 413 request_too_large and 404 for an
// unknown id. Each is provoked on each operation with an otherwise valid request.
import type { OutgoingRequest } from "../../http/exchange.js";
import { specLimits } from "../../spec/limits.js";
import { type Auth, apiKeyOperations, type PathValues, specRequest, UNKNOWN_KEY } from "../requests.js";
import { must, type World } from "../world.js";

/** A body over the 64 KiB JSON limit, shaped like the operation's own body where it has one. */
function oversize(request: OutgoingRequest): OutgoingRequest {
  const padding = "x".repeat(specLimits().json_body_bytes + 4_000);
  const base = request.body ? (JSON.parse(String(request.body)) as Record<string, unknown>) : {};
  const headers = { ...request.headers, "Content-Type": "application/json" };
  return { ...request, headers, body: JSON.stringify({ ...base, name: padding }) };
}

export async function genericScenarios(w: World): Promise<void> {
  const { rec, main } = w;
  const keys = rec.target.keys;
  // Path parameters name the run's own resources (the ready character for `{id}`), so a 401/403 is
  // not confused with a 404; a parameter the world has nothing for takes the spec's example.
  const state: PathValues = { id: must(w.readyId, "the upload-flow character") };
  // Every key-authenticated operation of the spec, with the spec's example body: no list to keep.
  for (const op of apiKeyOperations(rec.doc)) {
    const opId = op.operationId;
    const valid = (auth: Auth, path: PathValues = state) => specRequest(rec.doc, op, auth, { path });
    const documents = (status: number, code: string) =>
      op.errors.some((r) => r.status === status && r.codes.includes(code));
    // A read that names nothing and needs no input answers its success to the spec's example request.
    const stateless =
      op.method === "get" &&
      op.pathParamNames.length === 0 &&
      !op.parameters.some((p) => p.in === "query" && p.required);
    if (stateless) await rec.expect(opId, op.success.status, null, valid(main), "strict", "the spec's example request");
    if (documents(401, "missing_api_key"))
      await rec.expect(opId, 401, "missing_api_key", valid({ key: null }), "observe", "no key");
    if (documents(401, "invalid_api_key"))
      await rec.expect(
        opId,
        401,
        "invalid_api_key",
        valid({ key: UNKNOWN_KEY }),
        "strict",
        "a well-formed key nobody was issued",
      );
    if (keys.revoked && documents(401, "revoked_api_key"))
      await rec.expect(opId, 401, "revoked_api_key", valid({ key: keys.revoked }), "strict", "revoked key");
    // Scopes are cumulative, so only write operations document 403: a read-only key provokes it.
    if (keys.readOnly && documents(403, "missing_scope")) {
      await rec.expect(opId, 403, "missing_scope", valid({ key: keys.readOnly }), "strict", "read-only key");
    }
    if (documents(400, "unknown_version"))
      await rec.expect(
        opId,
        400,
        "unknown_version",
        valid({ ...main, version: "2099-01-01" }),
        "strict",
        "Aurous-Version after the newest release",
      );
    if (documents(413, "request_too_large")) {
      await rec.expect(
        opId,
        413,
        "request_too_large",
        oversize(valid(main)),
        "observe",
        "JSON body over the documented limit",
      );
    }
    if (op.pathParamNames.length > 0 && documents(404, "resource_not_found")) {
      // The spec's example ids name nothing on a deployment. Any team will do for an id nobody has:
      // the second team's buckets spare the main team's synthesize bucket (12 tokens) for the
      // state-timed scenarios.
      const unknown = valid(
        { ...w.second, ...(op.idempotency.honours_key ? { idempotencyKey: crypto.randomUUID() } : {}) },
        {},
      );
      await rec.expect(opId, 404, "resource_not_found", unknown, "strict", "unknown id");
    }
  }
}
