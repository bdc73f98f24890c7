// The API's Character object for a record: refs become signed, expiring URLs on the sandbox's origin.
import type { Character } from "@aurous/server-stubs";
import type { RefUrlSigner } from "../refs/signed-url.js";
import type { CharacterRecord } from "./model.js";

export function characterView(record: CharacterRecord, signer: RefUrlSigner, origin: string, nowMs: number): Character {
  return {
    id: record.id,
    object: "character",
    name: record.name,
    status: record.status,
    refs: record.refs.map((ref, index) => ({ pose: ref.pose, url: signer.url(origin, record.id, index, nowMs) })),
    created_at: new Date(record.createdAt).toISOString(),
    updated_at: new Date(record.updatedAt).toISOString(),
    client_reference_id: record.clientReferenceId,
    // A copy, so a later PATCH never changes a response that is still being serialised or replayed.
    attributes: record.attributes ? { ...record.attributes } : null,
    error_message: record.errorMessage,
    aurous_version: record.aurousVersion,
  };
}
