// Image generations through real flows: estimate, create (a held price), poll, list with cursors,
// cancel, and the output proxy (bytes by API key or by the URL's token) — with the refusals only
// state can produce: a character that is not ready or was deleted, another team's character, a
// team whose available credits are below the price, a generation that cannot be cancelled, an
// output that is not there (pending, cancelled), a tampered token, an expired output.
import { type Exchange, errorOf } from "../../http/exchange.js";
import { pollUntil } from "../../http/wait.js";
import { deref } from "../../spec/deref.js";
import type { OpenApiDocument, OperationModel } from "../../spec/types.js";
import { imageTypeOf } from "../png.js";
import { type Auth, req, UNKNOWN_CHARACTER } from "../requests.js";
import { body, must, readyCharacter, type World } from "../world.js";

interface Generation {
  id: string;
  status: string;
  output_urls: string[];
  image_count?: number;
}

/** Statuses a generation is still running in; any other (the set is open) is terminal. */
const RUNNING = new Set(["pending", "processing"]);

/** How long outputs are kept (the output proxy's `410 output_expired` and the DECISIONS entry). */
export const OUTPUT_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The body the spec's x-aurous-credit-cost prices highest: every priced variant on, the item field at its maximum. */
export function priciestBody(
  doc: OpenApiDocument,
  op: OperationModel,
  base: Record<string, unknown>,
): Record<string, unknown> {
  const cost = op.extensions["x-aurous-credit-cost"] as
    | { per_item_field?: string; variants?: Array<{ when: { body_field: string; equals: unknown } }> }
    | undefined;
  const out = { ...base };
  for (const v of cost?.variants ?? []) out[v.when.body_field] = v.when.equals;
  const field = cost?.per_item_field;
  const schema = deref<{ properties?: Record<string, unknown> }>(doc, op.requestBody?.jsonSchema ?? {});
  const max = field ? deref<{ maximum?: number }>(doc, schema?.properties?.[field] ?? {})?.maximum : undefined;
  if (field && typeof max === "number") out[field] = max;
  return out;
}

/** The request's query credential (the OutputToken scheme's parameter), from the spec's security schemes. */
function tokenParam(op: OperationModel): string {
  const scheme = op.security.flat().find((s) => s.type === "apiKey" && s.in === "query");
  return must(scheme?.paramName, `${op.operationId}: a query credential`);
}

export async function imageScenarios(w: World): Promise<void> {
  const { rec, main } = w;
  const readyId = must(w.readyId, "the upload-flow character");
  const fresh = (auth: Auth = main): Auth => ({ ...auth, idempotencyKey: crypto.randomUUID() });
  const prompt = "A lighthouse on a cliff at dusk, oil painting";
  const timeoutMs = rec.target.synthesisTimeoutMs ?? 120_000;

  const read = async (auth: Auth, id: string) => body<Generation>(await rec.send("getImage", req.getImage(auth, id)));
  const settle = (auth: Auth, id: string) =>
    pollUntil(
      () => read(auth, id),
      (g) => !RUNNING.has(g.status),
      { timeoutMs, intervalMs: 250 },
    );
  const submit = async (auth: Auth, extra: Record<string, unknown> = {}): Promise<Generation> => {
    const x = await rec.send("createImage", req.createImage(fresh(auth), { prompt, ...extra }));
    if (x.status !== 201) throw new Error(`image create failed: ${x.status} ${x.bodyText.slice(0, 200)}`);
    return body<Generation>(x);
  };

  // Characters that cannot anchor a generation: a deleted one (free), and one still being
  // synthesized or awaiting review (neither is `ready`, so the synthesis cannot win a race here).
  const deleted = await readyCharacter(w, main, "Contract Image Deleted");
  await rec.send("deleteCharacter", req.delete(main, deleted));
  const synth = await rec.send(
    "createCharacter",
    req.create(fresh(), { name: "Contract Image Synth", generate: true, attributes: { age: 33 } }),
  );
  const unready = body<{ id?: string }>(synth).id;
  const theirs = await readyCharacter(w, w.second, "Contract Image Theirs");

  // The refusals estimate and create share (the same body, by the estimate page's own words).
  for (const opId of ["estimateImage", "createImage"] as const) {
    const send = (auth: Auth, b: unknown) =>
      opId === "createImage" ? req.createImage(fresh(auth), b) : req.estimateImage(auth, b);
    await rec.expect(
      opId,
      400,
      "missing_field",
      send(main, { prompt, width: 2048 }),
      "observe",
      "width without height",
    );
    await rec.expect(opId, 400, "missing_field", send(main, { size: "2k_1_1" }), "observe", "no prompt");
    await rec.expect(
      opId,
      400,
      "invalid_format",
      send(main, { prompt, size: "huge" }),
      "observe",
      "size outside the presets",
    );
    await rec.expect(opId, 400, "value_out_of_range", send(main, { prompt, steps: 101 }), "observe", "steps over 100");
    await rec.expect(
      opId,
      400,
      "parameter_invalid_combination",
      send(main, { prompt, size: "2k_16_9", width: 2048, height: 1152 }),
      "observe",
      "size and width + height",
    );
    await rec.expect(
      opId,
      400,
      "parameter_invalid_combination",
      send(main, { prompt, size: "2k_16_9", width: 2048 }),
      "observe",
      "size and width",
    );
    await rec.expect(
      opId,
      400,
      "mutually_exclusive_input",
      send(main, { prompt, character_id: readyId, reference_image_urls: ["https://example.com/ref.jpg"] }),
      "observe",
      "character_id and reference_image_urls",
    );
    await rec.expect(
      opId,
      400,
      "character_not_ready",
      send(main, { prompt, character_id: deleted }),
      "strict",
      "a deleted character",
    );
    if (unready)
      await rec.expect(
        opId,
        400,
        "character_not_ready",
        send(main, { prompt, character_id: unready }),
        "strict",
        "a character being synthesized or awaiting review",
      );
    await rec.expect(
      opId,
      404,
      "resource_not_found",
      send(main, { prompt, character_id: UNKNOWN_CHARACTER }),
      "strict",
      "a character nobody has",
    );
    await rec.expect(
      opId,
      404,
      "resource_not_found",
      send(main, { prompt, character_id: theirs }),
      "strict",
      "another team's character",
    );
    await rec.expect(
      opId,
      404,
      "resource_not_found",
      send(main, { prompt, lora_id: "lora_00000000000000000000000000" }),
      "strict",
      "a style nobody has",
    );
  }
  await rec.expect(
    "estimateImage",
    200,
    null,
    req.estimateImage(main, priciestBody(rec.doc, rec.op("createImage"), { prompt })),
    "strict",
    "the priciest body (every priced option, most images)",
  );
  await rec.expect(
    "estimateImage",
    200,
    null,
    req.estimateImage(main, { prompt, character_id: readyId, size: "2k_16_9" }),
    "strict",
    "anchored on a ready character",
  );

  // 402: a team whose available credits are below the price; nothing is held, so nothing is spent.
  const low = rec.target.keys.lowCredit;
  if (low) {
    await rec.expect(
      "createImage",
      402,
      "balance_too_low",
      req.createImage(fresh({ key: low }), priciestBody(rec.doc, rec.op("createImage"), { prompt })),
      "strict",
      "the priciest generation on the low-credit team",
    );
  }

  // Create: accepted and pending, anchored on the ready character.
  const created = await rec.expect(
    "createImage",
    201,
    null,
    req.createImage(fresh(), { prompt, character_id: readyId, size: "2k_16_9" }),
    "strict",
    "anchored on a ready character",
  );
  const first = must(body<Generation>(created.exchange).id, "a generation");
  // 409: the same key with another body (on the second team: its buckets are barely used).
  const key = crypto.randomUUID();
  await rec.send("createImage", req.createImage({ ...w.second, idempotencyKey: key }, { prompt }));
  await rec.expect(
    "createImage",
    409,
    "idempotency_key_in_use",
    req.createImage({ ...w.second, idempotencyKey: key }, { prompt: `${prompt}, at dawn` }),
    "strict",
    "same key, different prompt",
  );

  // While it runs there is no output (422); cancelling it answers the cancelled generation, twice.
  // If the generation won the race (it succeeded first), the scenario starts over on a fresh one.
  let running = first;
  const whileRunning = (build: (id: string) => ReturnType<typeof req.getImage>) => {
    let firstTry = true;
    return async () => {
      if (!firstTry) running = (await submit(main)).id;
      firstTry = false;
      return build(running);
    };
  };
  await rec.expect(
    "getImageOutput",
    422,
    "output_not_available",
    whileRunning((id) => req.imageOutput(main, id, 0)),
    "strict",
    "output of a generation still running",
    { when: (x) => x.status === 200, why: "the generation finished first" },
  );
  const raced = (x: Exchange) => x.status === 400 && errorOf(x)?.code === "generation_not_cancellable";
  await rec.expect(
    "cancelImage",
    200,
    null,
    whileRunning((id) => req.cancelImage(main, id)),
    "strict",
    "cancel a running generation",
    { when: raced, why: "the generation finished first" },
  );
  const cancelled = running;
  const again = await rec.expect(
    "cancelImage",
    200,
    null,
    req.cancelImage(main, cancelled),
    "strict",
    "cancel a cancelled generation (no-op)",
  );
  if (again.ok && body<Generation>(again.exchange).status !== "cancelled")
    rec.fail("cancelImage", 200, null, `a second cancel answered status ${body<Generation>(again.exchange).status}`);
  await rec.expect(
    "getImageOutput",
    422,
    "output_not_available",
    req.imageOutput(main, cancelled, 0),
    "strict",
    "output of a cancelled generation",
  );
  await rec.expect(
    "cancelImage",
    404,
    "resource_not_found",
    req.cancelImage(w.second, cancelled),
    "strict",
    "another team's generation",
  );

  // A failed generation has no output either, and cannot be cancelled: only on a server that can be
  // told to fail one (a hook; a real deployment fails none on demand).
  const failing = rec.target.hooks?.failingPrompt;
  if (failing) {
    const failed = await settle(main, (await submit(main, { prompt: `${prompt} ${failing}` })).id);
    if (failed.status !== "failed")
      rec.fail("getImageOutput", 422, "output_not_available", `a generation asked to fail ended ${failed.status}`);
    await rec.expect(
      "getImageOutput",
      422,
      "output_not_available",
      req.imageOutput(main, failed.id, 0),
      "strict",
      "output of a failed generation",
    );
    await rec.expect(
      "cancelImage",
      400,
      "generation_not_cancellable",
      req.cancelImage(main, failed.id),
      "strict",
      "cancel a failed generation",
    );
  }

  // A generation that runs to the end: read, listed, its outputs served, no longer cancellable.
  const done = await settle(main, (await submit(main)).id);
  if (done.status !== "succeeded") {
    rec.fail(
      "getImageOutput",
      200,
      null,
      `the generation ended ${done.status}, not succeeded (waited ${timeoutMs} ms)`,
    );
    return;
  }
  await rec.expect("getImage", 200, null, req.getImage(main, done.id), "strict", "a succeeded generation");
  await rec.expect(
    "getImage",
    404,
    "resource_not_found",
    req.getImage(w.second, done.id),
    "strict",
    "another team's generation",
  );
  await rec.expect("listImages", 200, null, req.listImages(main, "?limit=2"), "strict", "the newest two");
  await rec.expect(
    "listImages",
    200,
    null,
    req.listImages(main, `?starting_after=${done.id}`),
    "strict",
    "older than a seen generation",
  );
  await rec.expect(
    "listImages",
    200,
    null,
    req.listImages(main, `?ending_before=${first}`),
    "strict",
    "newer than a seen generation",
  );
  await rec.expect(
    "listImages",
    400,
    "parameter_invalid_combination",
    req.listImages(main, `?starting_after=${done.id}&ending_before=${first}`),
    "strict",
    "both cursors",
  );
  await rec.expect(
    "listImages",
    400,
    "invalid_format",
    req.listImages(main, "?limit=ten"),
    "observe",
    "limit not a number",
  );
  await rec.expect(
    "listImages",
    400,
    "value_out_of_range",
    req.listImages(main, "?limit=101"),
    "observe",
    "limit over 100",
  );
  await rec.expect(
    "cancelImage",
    400,
    "generation_not_cancellable",
    req.cancelImage(main, done.id),
    "strict",
    "cancel a succeeded generation",
  );

  const output = rec.op("getImageOutput");
  const url = must(done.output_urls?.[0], "an output URL of the succeeded generation");
  const served = await rec.expect(
    "getImageOutput",
    200,
    null,
    req.outputUrl(url),
    "strict",
    "the output URL (its token, no key)",
  );
  await rec.expect("getImageOutput", 200, null, req.imageOutput(main, done.id, 0), "strict", "by id with the API key");
  // Prism's proxy re-encodes binary bodies as text: the bytes themselves are judged straight from the server.
  const direct = await rec.send("getImageOutput", req.outputUrl(url), "direct");
  const type = imageTypeOf(direct.bodyBytes ?? new Uint8Array());
  const declared = (direct.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (direct.status !== 200 || type !== declared)
    rec.fail(
      "getImageOutput",
      200,
      null,
      `straight from the server the output is ${type ?? "not an image"} (${direct.bodyBytes?.length ?? 0} bytes) under Content-Type ${declared} (status ${direct.status})`,
    );
  else if (served.ok) w.log(`    output bytes: ${type}, ${direct.bodyBytes?.length} bytes`);
  const param = tokenParam(output);
  const tampered = new URL(url);
  const token = tampered.searchParams.get(param) ?? "";
  tampered.searchParams.set(
    param,
    token.replace(/^./, (c) => (c === "0" ? "1" : "0")),
  );
  await rec.expect(
    "getImageOutput",
    401,
    "signature_invalid",
    req.outputUrl(tampered.href),
    "strict",
    "one character of the token changed",
  );
  // The token signs one generation's output: on another generation's URL it does not match.
  const otherOutput = new URL(url);
  otherOutput.pathname = otherOutput.pathname.replace(done.id, cancelled);
  await rec.expect(
    "getImageOutput",
    401,
    "signature_invalid",
    req.outputUrl(otherOutput.href),
    "strict",
    "a token on another generation's output URL",
  );
  await rec.expect(
    "getImageOutput",
    404,
    "resource_not_found",
    req.imageOutput(main, done.id, done.output_urls.length),
    "strict",
    "an output number past the generation's images",
  );
  await rec.expect(
    "getImageOutput",
    404,
    "resource_not_found",
    req.imageOutput(w.second, done.id, 0),
    "strict",
    "another team's generation",
  );
  await rec.expect(
    "getImageOutput",
    400,
    "invalid_format",
    req.imageOutput(main, done.id, "first"),
    "observe",
    "n not a number",
  );

  // Outputs are kept 24 hours: only a server whose clock we can move shows the 410 quickly. Last,
  // since moving the clock expires every output (and URL) minted so far.
  if (rec.target.hooks?.advanceClock) {
    await rec.target.hooks.advanceClock(OUTPUT_LIFETIME_MS + 60_000);
    await rec.expect(
      "getImageOutput",
      410,
      "output_expired",
      req.imageOutput(main, done.id, 0),
      "strict",
      "24 hours and a minute later, by key",
    );
  }
}
