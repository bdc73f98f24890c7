// The Characters operations' rules, free of HTTP: state machine, credits, uploads and synthesis.
// Every check-and-change runs synchronously, so concurrent requests cannot interleave inside one.
import { type CreateCharacterRequest, creditCost, operations, type UpdateCharacterRequest } from "@aurous/server-stubs";
import type { Clock } from "../clock.js";
import { type Failure, fail, ok, type Result } from "../failure.js";
import { newId } from "../ids.js";
import { placeholderPng } from "../images/placeholder.js";
import { type Pose, SYNTHESIZED_POSES } from "../poses.js";
import type { BlobStore } from "../storage/blob-store.js";
import type { Scheduler } from "../synthesis/scheduler.js";
import type { CreditLedger } from "../teams/ledger.js";
import type { UnusableUpload, UploadService } from "../uploads/service.js";
import { FAIL_MESSAGE, wantsFailure } from "./fail-trigger.js";
import type { CharacterRecord, CharacterStatus } from "./model.js";
import type { CharacterStore, ListPage, ListQuery } from "./store.js";

const MAX_REFS = 6;
const RESYNTHESIZABLE: readonly CharacterStatus[] = ["reviewing", "ready", "failed"];

/** The failures of this service; each handler may pass on only those its operation documents. */
type NotFound = Failure<404, "resource_not_found">;
type NotEligible = Failure<400, "invalid_request_error">;
type NoCredits = Failure<402, "insufficient_credits">;
type BadCreate = Failure<400, "parameter_invalid_combination" | "missing_field"> | UnusableUpload | NoCredits;

export interface CharacterServiceDeps {
  store: CharacterStore;
  uploads: UploadService;
  ledger: CreditLedger;
  scheduler: Scheduler;
  blobs: BlobStore;
  clock: Clock;
  synthesisDelayMs: number;
}

/** What a pending synthesis will do when its timer fires. */
interface SynthesisPlan {
  /** The poses to generate; a full synthesis replaces every ref with these four. */
  poses: readonly Pose[];
  replaceAll: boolean;
  charged: number;
}

function notFound(): NotFound {
  return fail(404, "resource_not_found", "No character with this id.", "character_id");
}

export class CharacterService {
  constructor(private readonly deps: CharacterServiceDeps) {}

  private now(): number {
    return this.deps.clock.now();
  }

  private charge(teamId: string, credits: number, what: string): Result<void, NoCredits> {
    const spent = this.deps.ledger.trySpend(teamId, credits);
    if (!spent.ok) {
      return fail(402, "insufficient_credits", `${what} costs ${credits} credits and the team has ${spent.balance}.`);
    }
    return ok(undefined);
  }

  create(teamId: string, body: CreateCharacterRequest, aurousVersion: string): Result<CharacterRecord, BadCreate> {
    const generate = body.generate === true;
    const hasUploads = body.upload_ids !== undefined;
    if (generate === hasUploads) {
      return fail(
        400,
        "parameter_invalid_combination",
        generate
          ? "Send either upload_ids or generate: true, not both."
          : "Send either upload_ids (upload flow) or generate: true with attributes (synthesize flow).",
        "upload_ids",
      );
    }
    if (generate && !body.attributes)
      return fail(400, "missing_field", "attributes is required when generate is true.", "attributes");

    const now = this.now();
    const base = {
      teamId,
      name: body.name,
      createdAt: now,
      updatedAt: now,
      clientReferenceId: body.client_reference_id ?? null,
      attributes: body.attributes ?? null,
      errorMessage: null,
      aurousVersion,
      generation: 0,
      published: !generate,
    };

    if (!generate) {
      const consumed = this.deps.uploads.consume(teamId, body.upload_ids ?? []);
      if (!consumed.ok) return consumed;
      const record: CharacterRecord = {
        ...base,
        id: newId("char"),
        status: "ready",
        refs: consumed.value.map(({ ticket, guess }) => ({
          pose: guess.pose,
          blobKey: ticket.blobKey,
          contentType: ticket.image.type,
        })),
      };
      this.deps.store.add(record);
      return ok(record);
    }

    const price = creditCost(operations.createCharacter, body);
    const charged = this.charge(teamId, price, "A synthesis");
    if (!charged.ok) return charged;
    const record: CharacterRecord = { ...base, id: newId("char"), status: "synthesizing", refs: [] };
    this.deps.store.add(record);
    this.startSynthesis(record, { poses: SYNTHESIZED_POSES, replaceAll: true, charged: price }, now);
    return ok(record);
  }

  get(teamId: string, id: string): Result<CharacterRecord, NotFound> {
    const record = this.deps.store.find(teamId, id);
    return record ? ok(record) : notFound();
  }

  list(query: ListQuery): ListPage {
    return this.deps.store.list(query);
  }

  update(teamId: string, id: string, body: UpdateCharacterRequest): Result<CharacterRecord, NotFound> {
    const record = this.deps.store.find(teamId, id);
    if (!record) return notFound();
    if (body.name !== undefined) record.name = body.name;
    // Attributes are replaced whole, never merged; null clears them.
    if (body.attributes !== undefined) record.attributes = body.attributes;
    record.updatedAt = this.now();
    return ok(record);
  }

  async delete(teamId: string, id: string): Promise<Result<{ id: string }, NotFound>> {
    const record = this.deps.store.find(teamId, id);
    if (!record) return notFound();
    this.deps.scheduler.cancel(record.id);
    if (record.status === "reviewing") {
      // Reviewing means "synthesized, never published": it goes for good, refs included.
      this.deps.store.remove(record.id);
      await Promise.all([
        ...record.refs.map((ref) => this.deps.blobs.delete(ref.blobKey)),
        this.deps.blobs.deleteTree(`refs/${record.id}`),
      ]);
    } else {
      // Soft delete: hidden everywhere, but its ref images stay for generations that used them.
      record.status = "deleted";
      record.updatedAt = this.now();
    }
    return ok({ id: record.id });
  }

  save(teamId: string, id: string): Result<CharacterRecord, NotFound | NotEligible> {
    const record = this.deps.store.find(teamId, id);
    if (!record) return notFound();
    if (record.status === "ready") return ok(record);
    if (record.status !== "reviewing") {
      const hint = record.status === "synthesizing" ? "wait for reviewing" : "resynthesize it first";
      return fail(
        400,
        "invalid_request_error",
        `A character in status ${record.status} cannot be saved; ${hint}.`,
        "status",
      );
    }
    record.status = "ready";
    record.published = true;
    record.updatedAt = this.now();
    return ok(record);
  }

  regenerateRef(teamId: string, id: string, pose: Pose): Result<CharacterRecord, NotFound | NotEligible | NoCredits> {
    return this.synthesizeAgain(teamId, id, {
      verb: "regenerated",
      price: creditCost(operations.regenerateCharacterRef),
      charge: "Regenerating a ref",
      poses: [pose],
      replaceAll: false,
    });
  }

  resynthesize(teamId: string, id: string): Result<CharacterRecord, NotFound | NotEligible | NoCredits> {
    return this.synthesizeAgain(teamId, id, {
      verb: "resynthesized",
      price: creditCost(operations.resynthesizeCharacter),
      charge: "A resynthesis",
      poses: SYNTHESIZED_POSES,
      replaceAll: true,
    });
  }

  /** Regenerate and resynthesize: the same eligibility, charge and job, for some poses or all. */
  private synthesizeAgain(
    teamId: string,
    id: string,
    job: { verb: string; price: number; charge: string; poses: readonly Pose[]; replaceAll: boolean },
  ): Result<CharacterRecord, NotFound | NotEligible | NoCredits> {
    const record = this.deps.store.find(teamId, id);
    if (!record) return notFound();
    if (!RESYNTHESIZABLE.includes(record.status)) {
      return fail(
        400,
        "invalid_request_error",
        `A character in status ${record.status} cannot be ${job.verb}; eligible states are reviewing, ready and failed.`,
        "status",
      );
    }
    const charged = this.charge(teamId, job.price, job.charge);
    if (!charged.ok) return charged;
    this.startSynthesis(record, { poses: job.poses, replaceAll: job.replaceAll, charged: job.price });
    return ok(record);
  }

  /** `now` is the request's instant, so a fresh character's created_at and updated_at agree. */
  private startSynthesis(record: CharacterRecord, plan: SynthesisPlan, now = this.now()): void {
    record.status = "synthesizing";
    record.errorMessage = null;
    record.generation += 1;
    record.updatedAt = now;
    const generation = record.generation;
    this.deps.scheduler.schedule(record.id, this.deps.synthesisDelayMs, () =>
      this.finishSynthesis(record, generation, plan),
    );
  }

  private async finishSynthesis(record: CharacterRecord, generation: number, plan: SynthesisPlan): Promise<void> {
    // A delete (or a newer run) since scheduling makes this run moot.
    if (record.status !== "synthesizing" || record.generation !== generation) return;
    if (wantsFailure(record)) {
      record.status = "failed";
      record.errorMessage = FAIL_MESSAGE;
      record.updatedAt = this.now();
      // Charge on success, like the platform's generations: a failed synthesis gives its credits back.
      this.deps.ledger.refund(record.teamId, plan.charged);
      return;
    }
    const made = await Promise.all(
      plan.poses.map(async (pose) => {
        const blobKey = `refs/${record.id}/${generation}-${pose}.png`;
        await this.deps.blobs.put(blobKey, placeholderPng(pose, `${record.id}:${generation}`));
        return { pose, blobKey, contentType: "image/png" as const };
      }),
    );
    if (record.status !== "synthesizing" || record.generation !== generation) {
      await Promise.all(made.map((ref) => this.deps.blobs.delete(ref.blobKey))); // deleted while writing
      return;
    }
    const replaced = plan.replaceAll ? record.refs : [];
    if (plan.replaceAll) record.refs = made;
    else {
      for (const ref of made) {
        // The first ref with this pose is replaced; a pose the character lacks is added (at most 6).
        const at = record.refs.findIndex((r) => r.pose === ref.pose);
        const slot = at >= 0 ? at : record.refs.length < MAX_REFS ? record.refs.length : MAX_REFS - 1;
        if (record.refs[slot]) replaced.push(record.refs[slot]);
        record.refs[slot] = ref;
      }
    }
    // A published character goes straight back to ready; an unpublished one waits for save again.
    record.status = record.published ? "ready" : "reviewing";
    record.updatedAt = this.now();
    await Promise.all(replaced.map((ref) => this.deps.blobs.delete(ref.blobKey)));
  }
}
