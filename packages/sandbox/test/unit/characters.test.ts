import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CreateCharacterRequest } from "@aurous/server-stubs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAIL_TOKEN } from "../../src/characters/fail-trigger.js";
import type { CharacterRecord } from "../../src/characters/model.js";
import { CharacterService } from "../../src/characters/service.js";
import { CharacterStore } from "../../src/characters/store.js";
import { systemClock } from "../../src/clock.js";
import { newSecret } from "../../src/crypto.js";
import { sniffImage } from "../../src/images/sniff.js";
import { BlobStore } from "../../src/storage/blob-store.js";
import { Scheduler } from "../../src/synthesis/scheduler.js";
import { CreditLedger } from "../../src/teams/ledger.js";
import { UploadService } from "../../src/uploads/service.js";
import { listFiles } from "../helpers/files.js";
import { pngBytes } from "../helpers/images.js";
import { until } from "../helpers/wait.js";

const DELAY = 20;
let root: string;
let blobs: BlobStore;
let ledger: CreditLedger;
let scheduler: Scheduler;
let uploads: UploadService;
let service: CharacterService;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "sandbox-chars-"));
  blobs = new BlobStore(root);
  ledger = new CreditLedger([
    ["A", 100],
    ["B", 100],
    ["poor", 5],
  ]);
  scheduler = new Scheduler();
  uploads = new UploadService(blobs, systemClock, newSecret());
  service = new CharacterService({
    store: new CharacterStore(),
    uploads,
    ledger,
    scheduler,
    blobs,
    clock: systemClock,
    synthesisDelayMs: DELAY,
  });
});
afterEach(() => scheduler.close());

/** Waits until no synthesis is pending or running. */
const settle = async (record?: CharacterRecord) => {
  await until(() => scheduler.pendingCount === 0 && record?.status !== "synthesizing", 5000, "synthesis");
  await scheduler.idle(); // a job that just flipped the status may still be deleting replaced files
};
function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}
const synthesize = (team = "A", name = "Aurora") =>
  service.create(team, { name, generate: true, attributes: { gender: "female", age: 28 } }, "2026-05-15");

async function uploaded(team: string, width: number, height: number): Promise<string> {
  const ticket = value(
    uploads.init(team, { filename: "x.png", extension: "png", content_type: "image/png" }, "http://x"),
  );
  const url = new URL(ticket.upload_url);
  const checked = value(
    uploads.checkPut({
      uploadId: ticket.upload_id,
      expires: url.searchParams.get("expires")!,
      signature: url.searchParams.get("signature")!,
      contentType: "image/png",
    }),
  );
  value(await uploads.acceptBytes(checked, pngBytes(width, height)));
  return ticket.upload_id;
}

describe("create", () => {
  it("requires exactly one flow, and attributes for a synthesis", () => {
    // Bodies the spec's oneOf (and so the stubs' validation, and the types) refuse: the service
    // refuses them on its own too, for callers that reach it without the runtime.
    const unchecked = (body: object) => body as CreateCharacterRequest;
    expect(service.create("A", unchecked({ name: "n" }), "v")).toMatchObject({
      status: 400,
      code: "parameter_invalid_combination",
    });
    expect(service.create("A", unchecked({ name: "n", generate: true, upload_ids: [] }), "v")).toMatchObject({
      code: "parameter_invalid_combination",
    });
    expect(service.create("A", unchecked({ name: "n", generate: true }), "v")).toMatchObject({
      status: 400,
      code: "missing_field",
      param: "attributes",
    });
    expect(ledger.balance("A")).toBe(100);
  });

  it("makes an upload-flow character ready at once, one ref per upload, labelled by the classifier", async () => {
    const ids = [await uploaded("A", 100, 100), await uploaded("A", 100, 200)];
    const record = value(service.create("A", { name: "n", upload_ids: ids, client_reference_id: "r1" }, "2026-05-15"));
    expect(record).toMatchObject({ status: "ready", clientReferenceId: "r1", aurousVersion: "2026-05-15" });
    expect(record.refs.map((r) => r.pose)).toEqual(["portrait", "front"]);
    expect(ledger.balance("A")).toBe(100);
  });

  it("synthesizes four real PNG refs for 4 credits, then saves", async () => {
    const record = value(synthesize());
    expect(record).toMatchObject({ status: "synthesizing", refs: [] });
    expect(ledger.balance("A")).toBe(96);
    expect(service.save("A", record.id)).toMatchObject({ status: 400, code: "invalid_request_error", param: "status" });
    await settle(record);
    expect(record.status).toBe("reviewing");
    expect(record.refs.map((r) => r.pose)).toEqual(["portrait", "front", "side", "back"]);
    for (const ref of record.refs) expect(sniffImage((await blobs.get(ref.blobKey))!)?.type).toBe("image/png");
    expect(value(service.save("A", record.id)).status).toBe("ready");
    expect(value(service.save("A", record.id)).status).toBe("ready");
  });

  it("answers 402 and charges nothing when credits are short", () => {
    ledger.trySpend("poor", 2);
    expect(synthesize("poor")).toMatchObject({ status: 402, code: "insufficient_credits" });
    expect(ledger.balance("poor")).toBe(3);
  });
});

describe("synthesis lifecycle", () => {
  it(`fails on ${FAIL_TOKEN}, refunds, and succeeds after the token is removed`, async () => {
    const record = value(synthesize("A", `Broken ${FAIL_TOKEN}`));
    await settle(record);
    expect(record).toMatchObject({
      status: "failed",
      refs: [],
      errorMessage: expect.stringContaining("synthesis_provider_error"),
    });
    expect(ledger.balance("A")).toBe(100);
    value(service.update("A", record.id, { name: "Fixed" }));
    value(service.resynthesize("A", record.id));
    expect(record.errorMessage).toBeNull();
    await settle(record);
    expect(record.status).toBe("reviewing");
    expect(ledger.balance("A")).toBe(96);
  });

  it("regenerates one pose for 1 credit and resynthesizes all four for 4", async () => {
    const record = value(synthesize());
    await settle(record);
    const before = record.refs.map((r) => r.blobKey);
    expect(value(service.regenerateRef("A", record.id, "side")).status).toBe("synthesizing");
    expect(service.regenerateRef("A", record.id, "side")).toMatchObject({ status: 400, code: "invalid_request_error" });
    expect(service.resynthesize("A", record.id)).toMatchObject({ status: 400, code: "invalid_request_error" });
    await settle(record);
    const after = record.refs.map((r) => r.blobKey);
    expect(after.filter((k, i) => k !== before[i])).toEqual([after[2]]);
    expect(ledger.balance("A")).toBe(95);
    value(service.resynthesize("A", record.id));
    await settle(record);
    expect(record.refs.map((r) => r.blobKey).every((k) => !after.includes(k))).toBe(true);
    expect(ledger.balance("A")).toBe(91);
    // Replaced images are gone from disk: only the current four remain.
    expect(listFiles(root)).toHaveLength(4);
  });

  it("adds a regenerated pose the character lacks", async () => {
    const record = value(service.create("A", { name: "n", upload_ids: [await uploaded("A", 100, 100)] }, "v"));
    value(service.regenerateRef("A", record.id, "back"));
    await settle(record);
    expect(record.refs.map((r) => r.pose)).toEqual(["portrait", "back"]);
    // Created from uploads, so published: it never returns to reviewing.
    expect(record.status).toBe("ready");
  });
});

describe("delete, update and isolation", () => {
  it("hard-deletes a reviewing character with its files, soft-deletes others and cancels their synthesis", async () => {
    const reviewing = value(synthesize());
    await settle(reviewing);
    expect(listFiles(root)).toHaveLength(4);
    value(await service.delete("A", reviewing.id));
    expect(listFiles(root)).toEqual([]);
    expect(service.get("A", reviewing.id)).toMatchObject({ status: 404 });

    const running = value(synthesize());
    value(await service.delete("A", running.id));
    expect(running.status).toBe("deleted");
    expect(scheduler.pendingCount).toBe(0);
    expect(await service.delete("A", running.id)).toMatchObject({
      status: 404,
      code: "resource_not_found",
      param: "character_id",
    });
    await settle();
    expect(listFiles(root)).toEqual([]);
  });

  it("replaces attributes whole, clears them with null, and hides characters from other teams", () => {
    const record = value(synthesize());
    value(service.update("A", record.id, { attributes: { hair_color: "red" } }));
    expect(record.attributes).toEqual({ hair_color: "red" });
    value(service.update("A", record.id, { attributes: null }));
    expect(record.attributes).toBeNull();
    const notFound = {
      ok: false,
      status: 404,
      code: "resource_not_found",
      message: "No character with this id.",
      param: "character_id",
    };
    const ops: (() => unknown)[] = [
      () => service.get("B", record.id),
      () => service.update("B", record.id, { name: "x" }),
      () => service.save("B", record.id),
      () => service.regenerateRef("B", record.id, "front"),
      () => service.resynthesize("B", record.id),
    ];
    for (const op of ops) expect(op()).toEqual(notFound);
    expect(service.get("A", "char_01J00000000000000000000000")).toEqual(notFound);
    expect((service.get("A", record.id) as { value: CharacterRecord }).value.name).toBe("Aurora");
  });
});
