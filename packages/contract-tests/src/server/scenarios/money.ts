// Credits (402) and idempotency (409). A low-credit team is drained by regenerations until it
// refuses, so the scenario works whatever small balance it starts with.
import { req } from "../requests.js";
import { body, readyCharacter, settle, type World } from "../world.js";

export async function moneyScenarios(w: World): Promise<void> {
  const { rec } = w;
  const low = rec.target.keys.lowCredit;
  if (low) {
    const poor = { key: low };
    await rec.expect(
      "createCharacter",
      402,
      "insufficient_credits",
      req.create(
        { ...poor, idempotencyKey: crypto.randomUUID() },
        { name: "Contract Poor", generate: true, attributes: { age: 30 } },
      ),
      "strict",
      "synthesize with fewer than 4 credits",
    );
    const id = await readyCharacter(w, poor, "Contract Poor Ready");
    await rec.expect(
      "resynthesizeCharacter",
      402,
      "insufficient_credits",
      req.resynthesize({ ...poor, idempotencyKey: crypto.randomUUID() }, id),
      "strict",
      "resynthesize with fewer than 4 credits",
    );
    // Regenerate costs 1: spend what is left (at most 10 rounds), then it must refuse.
    let answered = false;
    for (let round = 0; round < 10 && !answered; round++) {
      const x = await rec.send(
        "regenerateCharacterRef",
        req.regenerate({ ...poor, idempotencyKey: crypto.randomUUID() }, id),
      );
      if (x.status === 402) {
        answered = true;
        await rec.expect(
          "regenerateCharacterRef",
          402,
          "insufficient_credits",
          req.regenerate({ ...poor, idempotencyKey: crypto.randomUUID() }, id),
          "strict",
          `regenerate after spending the team's credits (${round} regenerations)`,
        );
      } else if (x.status === 200) {
        await settle(w, poor, id);
      } else {
        rec.fail(
          "regenerateCharacterRef",
          402,
          "insufficient_credits",
          `draining credits: unexpected ${x.status} ${x.bodyText.slice(0, 200)}`,
        );
        break;
      }
    }
    if (!answered)
      rec.fail(
        "regenerateCharacterRef",
        402,
        "insufficient_credits",
        "ten regenerations were all paid for: the low-credit team has too many credits",
      );
  }

  // 409: the same Idempotency-Key with a different body. On the second team, whose synthesize
  // bucket the other scenarios barely touch (no waiting for refills on a real server).
  const team = w.second;
  const key = crypto.randomUUID();
  const first = await rec.send(
    "createCharacter",
    req.create({ ...team, idempotencyKey: key }, { name: "Contract Idem", generate: true, attributes: { age: 20 } }),
  );
  await rec.expect(
    "createCharacter",
    409,
    "idempotency_key_in_use",
    req.create(
      { ...team, idempotencyKey: key },
      { name: "Contract Idem Other", generate: true, attributes: { age: 21 } },
    ),
    "strict",
    "same key, different body",
  );
  const synthId = body<{ id: string }>(first).id;
  await settle(w, team, synthId);
  const regenKey = crypto.randomUUID();
  await rec.send(
    "regenerateCharacterRef",
    req.regenerate({ ...team, idempotencyKey: regenKey }, synthId, { pose: "front" }),
  );
  await rec.expect(
    "regenerateCharacterRef",
    409,
    "idempotency_key_in_use",
    req.regenerate({ ...team, idempotencyKey: regenKey }, synthId, { pose: "back" }),
    "strict",
    "same key, different pose",
  );
  await settle(w, team, synthId);
  const resynthKey = crypto.randomUUID();
  await rec.send("resynthesizeCharacter", req.resynthesize({ ...team, idempotencyKey: resynthKey }, synthId, {}));
  await rec.expect(
    "resynthesizeCharacter",
    409,
    "idempotency_key_in_use",
    req.resynthesize({ ...team, idempotencyKey: resynthKey }, synthId, { force_all: true }),
    "strict",
    "same key, different body",
  );
  await settle(w, team, synthId);
}
