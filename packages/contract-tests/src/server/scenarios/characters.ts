// The character lifecycle through real flows: create (both flows), list, get, update, save,
// regenerate, resynthesize, delete — and the documented refusals along the way.
import { req, UNKNOWN_CHARACTER, UNKNOWN_UPLOAD } from "../requests.js";
import { body, must, settle, type World } from "../world.js";

interface Character {
  id: string;
  status: string;
}

export async function characterScenarios(w: World): Promise<void> {
  const { rec, main } = w;
  const readyId = must(w.readyId, "the upload-flow character");

  // create: refusals that never reach a flow.
  await rec.expect(
    "createCharacter",
    400,
    "missing_field",
    req.create(main, { upload_ids: [UNKNOWN_UPLOAD] }),
    "observe",
    "no name",
  );
  // Ids are looked up, never shape-checked: only what cannot be an id at all is invalid_format.
  await rec.expect(
    "createCharacter",
    400,
    "invalid_format",
    req.create(main, { name: "x", upload_ids: [42 as unknown as string] }),
    "observe",
    "an upload id that is not a string",
  );
  const seven = Array.from({ length: 7 }, (_, i) => `upl_01HXMQ7Z3K8Y2NABCDEFGHJK${"ABCDEFG"[i]}0`.slice(0, 30));
  await rec.expect(
    "createCharacter",
    400,
    "value_out_of_range",
    req.create(main, { name: "x", upload_ids: seven }),
    "observe",
    "seven upload ids",
  );
  await rec.expect(
    "createCharacter",
    400,
    "parameter_invalid_combination",
    req.create(main, { name: "x", generate: true, upload_ids: [UNKNOWN_UPLOAD], attributes: { age: 30 } }),
    "observe",
    "both flows",
  );
  await rec.expect(
    "createCharacter",
    400,
    "parameter_invalid_combination",
    req.create(main, { name: "x" }),
    "observe",
    "neither flow",
  );
  await rec.expect(
    "createCharacter",
    400,
    "missing_field",
    req.create(main, { name: "x", generate: true }),
    "observe",
    "synthesize flow without attributes",
  );
  await rec.expect(
    "createCharacter",
    400,
    "upload_invalid",
    req.create(main, { name: "x", upload_ids: [UNKNOWN_UPLOAD] }),
    "strict",
    "unknown upload",
  );
  await rec.expect(
    "createCharacter",
    400,
    "upload_invalid",
    req.create(main, { name: "x", upload_ids: ["upl_01hxmq7z3k8y2nabcdefghjkmr"] }),
    "strict",
    "an upload id of another shape (lowercase)",
  );
  const theirs = await rec.send("initCharacterUpload", req.init(w.second));
  await rec.expect(
    "createCharacter",
    404,
    "resource_not_found",
    req.create(main, { name: "x", upload_ids: [body<{ upload_id: string }>(theirs).upload_id] }),
    "strict",
    "another team's upload",
  );

  // Reads and updates on the ready character.
  await rec.expect("getCharacter", 200, null, req.get(main, readyId), "strict", "get a ready character");
  await rec.expect(
    "listCharacters",
    200,
    null,
    req.list(main, "?limit=2&status=ready"),
    "strict",
    "list ready characters",
  );
  await rec.expect(
    "listCharacters",
    400,
    "invalid_request",
    req.list(main, "?status=deleted"),
    "observe",
    "status filter outside the enum",
  );
  // The delete page's own example id has 24 characters after the prefix: unknown ids of any shape are 404.
  await rec.expect(
    "getCharacter",
    404,
    "resource_not_found",
    req.get(main, "char_01HXMQ7Z3K8Y2ABCDEFGHJKM"),
    "strict",
    "the docs' example id (another shape)",
  );
  await rec.expect("getCharacter", 404, "resource_not_found", req.get(main, "char_123"), "strict", "a short id");
  await rec.expect(
    "getCharacter",
    404,
    "resource_not_found",
    req.get(w.second, readyId),
    "strict",
    "another team's character",
  );
  await rec.expect(
    "updateCharacter",
    200,
    null,
    req.update(main, readyId, { name: "Contract Renamed", attributes: { age: 40, hair_color: "grey" } }),
    "strict",
    "rename and set attributes",
  );
  await rec.expect(
    "updateCharacter",
    400,
    "invalid_request",
    req.update(main, readyId, { refs: [] }),
    "observe",
    "immutable key refs",
  );
  await rec.expect(
    "updateCharacter",
    404,
    "resource_not_found",
    req.update(w.second, readyId, { name: "x" }),
    "strict",
    "another team's character",
  );

  // Synthesize flow: synthesizing → reviewing → ready, with the state refusals in between.
  const synth = await rec.expect(
    "createCharacter",
    201,
    null,
    req.create(
      { ...main, idempotencyKey: crypto.randomUUID() },
      { name: "Contract Synth", generate: true, attributes: { gender: "female", age: 28 } },
    ),
    "strict",
    "synthesize-flow create",
  );
  const synthId = must(body<Character>(synth.exchange).id, "a synthesized character");
  // Each refusal needs the character still `synthesizing`; if the synthesis won the race, the
  // scenario starts over on a fresh one (a retry answers with the new id).
  let target = synthId;
  const fresh = async () =>
    body<Character>(
      await rec.send(
        "createCharacter",
        req.create(
          { ...main, idempotencyKey: crypto.randomUUID() },
          { name: "Contract Synth Again", generate: true, attributes: { age: 28 } },
        ),
      ),
    ).id;
  const whileSynthesizing = (build: (id: string) => ReturnType<typeof req.save>) => {
    let first = true;
    return async () => {
      if (!first) target = await fresh();
      first = false;
      return build(target);
    };
  };
  const raced = { when: (x: { status: number }) => x.status < 300, why: "the synthesis finished first" };
  await rec.expect(
    "saveCharacter",
    400,
    "invalid_request_error",
    whileSynthesizing((id) => req.save(main, id)),
    "strict",
    "save while synthesizing",
    raced,
  );
  await rec.expect(
    "regenerateCharacterRef",
    400,
    "invalid_request_error",
    whileSynthesizing((id) => req.regenerate({ ...main, idempotencyKey: crypto.randomUUID() }, id)),
    "strict",
    "regenerate while synthesizing",
    raced,
  );
  await rec.expect(
    "resynthesizeCharacter",
    400,
    "invalid_request_error",
    whileSynthesizing((id) => req.resynthesize({ ...main, idempotencyKey: crypto.randomUUID() }, id)),
    "strict",
    "resynthesize while synthesizing",
    raced,
  );
  const reviewed = await settle(w, main, synthId);
  if (reviewed !== "reviewing")
    rec.fail("saveCharacter", 200, null, `the synthesis ended in ${reviewed}, not reviewing`);
  await rec.expect("saveCharacter", 200, null, req.save(main, synthId), "strict", "save a reviewing character");
  await rec.expect(
    "saveCharacter",
    404,
    "resource_not_found",
    req.save(main, UNKNOWN_CHARACTER),
    "strict",
    "unknown id",
  );
  await rec.expect(
    "regenerateCharacterRef",
    400,
    "invalid_request_error",
    req.regenerate(main, synthId, { pose: "hat" }),
    "observe",
    "pose outside the five",
  );
  await rec.expect(
    "regenerateCharacterRef",
    200,
    null,
    req.regenerate({ ...main, idempotencyKey: crypto.randomUUID() }, synthId, { pose: "side" }),
    "strict",
    "regenerate one pose",
  );
  await rec.expect(
    "regenerateCharacterRef",
    404,
    "resource_not_found",
    req.regenerate(w.second, synthId),
    "strict",
    "another team's character",
  );
  await settle(w, main, synthId);
  await rec.expect(
    "resynthesizeCharacter",
    200,
    null,
    req.resynthesize({ ...main, idempotencyKey: crypto.randomUUID() }, synthId, { force_all: true }),
    "strict",
    "resynthesize",
  );
  await rec.expect(
    "resynthesizeCharacter",
    404,
    "resource_not_found",
    req.resynthesize(w.second, synthId),
    "strict",
    "another team's character",
  );
  await settle(w, main, synthId);

  // Delete: an id of another shape, success, then gone.
  await rec.expect(
    "deleteCharacter",
    404,
    "resource_not_found",
    req.delete(main, "char_lowercase_is_not_an_id"),
    "strict",
    "an id of another shape",
  );
  await rec.expect("deleteCharacter", 200, null, req.delete(main, synthId), "strict", "delete");
  await rec.expect("deleteCharacter", 404, "resource_not_found", req.delete(main, synthId), "strict", "second delete");
  await rec.expect("getCharacter", 404, "resource_not_found", req.get(main, synthId), "strict", "deleted character");
}
