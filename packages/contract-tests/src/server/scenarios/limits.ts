// 429s: each bucket is emptied with cheap requests, then every operation drawing from it must
// answer 429 with its own documented code and a Retry-After. Runs last: the buckets are per team.
import type { OutgoingRequest } from "../../http/exchange.js";
import { req, UNKNOWN_CHARACTER, UNKNOWN_UPLOAD } from "../requests.js";
import { must, type World } from "../world.js";

export async function limitScenarios(w: World): Promise<void> {
  const { rec, main } = w;
  const id = must(w.readyId, "the upload-flow character");
  const idem = () => ({ ...main, idempotencyKey: crypto.randomUUID() });
  const buckets: Array<{ drain: () => OutgoingRequest; drainOp: string; ops: Array<[string, () => OutgoingRequest]> }> =
    [
      {
        drainOp: "listCharacters",
        drain: () => req.list(main, "?limit=1"),
        ops: [
          ["listCharacters", () => req.list(main)],
          ["getCharacter", () => req.get(main, id)],
        ],
      },
      {
        drainOp: "classifyCharacterUpload",
        drain: () => req.classify(main, { upload_id: UNKNOWN_UPLOAD }),
        ops: [
          ["initCharacterUpload", () => req.init(main)],
          ["classifyCharacterUpload", () => req.classify(main, { upload_id: UNKNOWN_UPLOAD })],
          ["createCharacter", () => req.create(main, { name: "x", upload_ids: [UNKNOWN_UPLOAD] })],
          ["updateCharacter", () => req.update(main, id, { name: "Contract Limited" })],
          ["deleteCharacter", () => req.delete(main, UNKNOWN_CHARACTER)],
          ["saveCharacter", () => req.save(main, UNKNOWN_CHARACTER)],
        ],
      },
      {
        drainOp: "regenerateCharacterRef",
        drain: () => req.regenerate(idem(), UNKNOWN_CHARACTER),
        ops: [
          ["regenerateCharacterRef", () => req.regenerate(idem(), UNKNOWN_CHARACTER)],
          ["resynthesizeCharacter", () => req.resynthesize(idem(), UNKNOWN_CHARACTER)],
          ["createCharacter", () => req.create(idem(), { name: "x", generate: true, attributes: { age: 1 } })],
        ],
      },
    ];
  for (const bucket of buckets) {
    const limit = rec.op(bucket.drainOp).rateLimit;
    // Burst plus a minute of refill: the bucket must be empty by then however slow the machine.
    const max = (limit?.burst ?? 100) + (limit?.sustained_per_minute ?? 100) + 10;
    // Empties the bucket straight on the server (these requests are not under test, and Prism's
    // latency would let tokens trickle back); repeated before each operation for the same reason.
    const drain = async (n: number) => {
      for (let i = 0; i < n; i++)
        if ((await rec.send(bucket.drainOp, bucket.drain(), "direct", { keep429: true })).status === 429) return true;
      return false;
    };
    // The 429 code belongs to the bucket (x-aurous-rate-limit's error_code), whichever operation drew.
    const code = limit?.error_code ?? "too_many_requests";
    if (!(await drain(max))) {
      for (const [opId] of bucket.ops)
        rec.fail(opId, 429, code, `${max} requests did not empty the ${bucket.drainOp} bucket`);
      continue;
    }
    for (const [opId, build] of bucket.ops) {
      // createCharacter's synthesize variant draws from the synthesize bucket: same entry.
      const request = async () => {
        await drain(5);
        return build();
      };
      await rec.expect(opId, 429, code, request, "strict", `after emptying the ${bucket.drainOp} bucket`, {
        when: (x) => x.status !== 429,
        why: "a token came back before the request arrived",
      });
    }
  }
  // Leave the team usable: on servers we control, jump past the refill time.
  await rec.target.hooks?.advanceClock?.(60 * 60 * 1000);
}
