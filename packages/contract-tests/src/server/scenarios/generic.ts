// Entries every API-host operation documents alike: the three 401s, 403 missing_scope,
// 400 unknown_version, 413 request_too_large and 404 for an unknown id. Each is provoked on each
// operation with an otherwise valid request.
import type { OutgoingRequest } from "../../http/exchange.js";
import type { OperationModel } from "../../spec/operations.js";
import { type Auth, UNKNOWN_CHARACTER, UNKNOWN_KEY, UNKNOWN_UPLOAD, req } from "../requests.js";
import { must, type World } from "../world.js";
import { specLimits } from "../../spec/limits.js";

/** A request to `op` that a full key of the main team would have answered with success (or a
 * harmless domain refusal): auth, scope and version checks come before any of that. */
function validRequest(op: OperationModel, auth: Auth, id: string): OutgoingRequest {
  switch (op.operationId) {
    case "initCharacterUpload":
      return req.init(auth);
    case "classifyCharacterUpload":
      return req.classify(auth, { upload_id: UNKNOWN_UPLOAD });
    case "createCharacter":
      return req.create(auth, { name: "Contract Generic", upload_ids: [UNKNOWN_UPLOAD] });
    case "listCharacters":
      return req.list(auth);
    case "getCharacter":
      return req.get(auth, id);
    case "updateCharacter":
      return req.update(auth, id, { name: "Contract Generic" });
    case "deleteCharacter":
      return req.delete(auth, id);
    case "saveCharacter":
      return req.save(auth, id);
    case "regenerateCharacterRef":
      return req.regenerate(auth, id);
    case "resynthesizeCharacter":
      return req.resynthesize(auth, id);
    default:
      throw new Error(`no generic request for ${op.operationId}`);
  }
}

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
  // By-id operations use the ready character, so a 401/403 is not confused with a 404.
  const id = must(w.readyId, "the upload-flow character");
  const ops = ["initCharacterUpload", "classifyCharacterUpload", "createCharacter", "listCharacters", "getCharacter", "updateCharacter", "deleteCharacter", "saveCharacter", "regenerateCharacterRef", "resynthesizeCharacter"].map((o) => rec.op(o));
  for (const op of ops) {
    const opId = op.operationId;
    await rec.expect(opId, 401, "missing_api_key", validRequest(op, { key: null }, id), "observe", "no key");
    await rec.expect(opId, 401, "invalid_api_key", validRequest(op, { key: UNKNOWN_KEY }, id), "strict", "a well-formed key nobody was issued");
    if (keys.revoked) await rec.expect(opId, 401, "revoked_api_key", validRequest(op, { key: keys.revoked }, id), "strict", "revoked key");
    // Scopes are cumulative, so only write operations document 403: a read-only key provokes it.
    if (keys.readOnly && op.responses.some((r) => r.status === 403)) {
      await rec.expect(opId, 403, "missing_scope", validRequest(op, { key: keys.readOnly }, id), "strict", "read-only key");
    }
    await rec.expect(opId, 400, "unknown_version", validRequest(op, { ...main, version: "2099-01-01" }, id), "strict", "Aurous-Version after the newest release");
    if (op.responses.some((r) => r.status === 413)) {
      await rec.expect(opId, 413, "request_too_large", oversize(validRequest(op, main, id)), "observe", "JSON body over the documented limit");
    }
    if (op.parameters.some((p) => p.in === "path" && p.name === "id")) {
      // Any team will do for an id nobody has: the second team's buckets spare the main team's
      // synthesize bucket (12 tokens) for the state-timed scenarios.
      const unknown = validRequest(op, { ...w.second, ...(op.idempotency?.honours_key ? { idempotencyKey: crypto.randomUUID() } : {}) }, UNKNOWN_CHARACTER);
      await rec.expect(opId, 404, "resource_not_found", unknown, "strict", "unknown id");
    }
  }
}
