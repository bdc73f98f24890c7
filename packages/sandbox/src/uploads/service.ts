// The upload flow's rules, free of HTTP: mint a ticket, accept the signed PUT's bytes, classify,
// and hand usable uploads to character creation.

import type { Classification, UploadInitRequest, UploadTicket } from "@aurous/server-stubs";
import { limits } from "@aurous/server-stubs";
import type { Clock } from "../clock.js";
import { type Failure, fail, ok, type Result } from "../failure.js";
import { classifyDimensions, type PoseGuess } from "../images/classify.js";
import { type ImageType, type SniffedImage, sniffImage } from "../images/sniff.js";
import type { BlobStore } from "../storage/blob-store.js";
import { UploadUrlSigner } from "./signed-url.js";
import { type TicketRecord, UNUSABLE_MESSAGES, UploadTickets, type UsableTicket } from "./tickets.js";

/** The spec's `x-aurous-limits.upload_bytes` (10 MiB), through the stubs' generated metadata. */
export const UPLOAD_MAX_BYTES = limits.upload_bytes;

const EXTENSION_TYPES: Record<string, ImageType> = {
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

/** The failures of this service; each handler may pass on only those its operation documents. */
export type BadSignature = Failure<401, "signature_invalid" | "upload_url_expired">;
export type UnusableUpload = Failure<404, "resource_not_found"> | Failure<400, "upload_invalid">;
export type RefusedPut = BadSignature | Failure<400, "upload_invalid" | "content_type_mismatch">;
export type RefusedBytes = Failure<413, "upload_too_large"> | Failure<400, "upload_content_invalid" | "upload_invalid">;

export interface PutRequest {
  uploadId: string;
  expires: string | undefined;
  signature: string | undefined;
  contentType: string | undefined;
}

/** A usable upload, as create needs it. */
export interface UsableUpload {
  ticket: UsableTicket;
  guess: PoseGuess;
}

export function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

export class UploadService {
  readonly tickets: UploadTickets;
  private readonly signer: UploadUrlSigner;

  constructor(
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    secret: Buffer,
  ) {
    this.tickets = new UploadTickets(clock);
    this.signer = new UploadUrlSigner(secret);
  }

  init(
    teamId: string,
    body: UploadInitRequest,
    origin: string,
  ): Result<UploadTicket, Failure<400, "parameter_invalid_combination">> {
    if (EXTENSION_TYPES[body.extension] !== body.content_type) {
      return fail(
        400,
        "parameter_invalid_combination",
        `content_type ${body.content_type} does not match extension ${body.extension}.`,
        "content_type",
      );
    }
    const ticket = this.tickets.mint(teamId, body.filename, body.content_type);
    const expiresSec = Math.floor(ticket.urlExpiresAt / 1000);
    return ok({
      upload_id: ticket.id,
      upload_url: this.signer.url(origin, ticket.id, expiresSec, ticket.contentType),
      upload_headers: { "Content-Type": ticket.contentType },
      expires_at: new Date(expiresSec * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    });
  }

  /**
   * Everything about a PUT that the URL and headers decide, checked before a byte of the body is
   * read (the stubs' `checkUpload`) and again once it is in: a forged or stale URL never gets to
   * upload anything.
   */
  checkPut(req: PutRequest): Result<TicketRecord, RefusedPut> {
    const ticket = this.tickets.get(req.uploadId);
    const expires = req.expires !== undefined && /^\d{1,11}$/.test(req.expires) ? Number(req.expires) : NaN;
    if (
      !ticket ||
      Number.isNaN(expires) ||
      !req.signature ||
      !this.signer.verify(ticket.id, expires, ticket.contentType, req.signature)
    ) {
      return fail(401, "signature_invalid", "The upload URL signature is missing or does not match.");
    }
    if (this.clock.now() >= expires * 1000) {
      return fail(
        401,
        "upload_url_expired",
        "The upload URL expired; mint a new one with POST /v1/characters/uploads/init.",
      );
    }
    if (ticket.state === "consumed") return fail(400, "upload_invalid", UNUSABLE_MESSAGES.consumed);
    if (this.tickets.isExpired(ticket)) return fail(400, "upload_invalid", UNUSABLE_MESSAGES.expired);
    const given = mediaType(req.contentType);
    if (given !== ticket.contentType) {
      return fail(
        400,
        "content_type_mismatch",
        `Content-Type ${given || "(none)"} does not match the ${ticket.contentType} this URL was signed for.`,
      );
    }
    return ok(ticket);
  }

  /** Stores the bytes of a PUT that passed `checkPut`, if they really are the declared image type. */
  async acceptBytes(ticket: TicketRecord, bytes: Uint8Array): Promise<Result<SniffedImage, RefusedBytes>> {
    if (bytes.length > UPLOAD_MAX_BYTES)
      return fail(413, "upload_too_large", `Uploads are limited to ${UPLOAD_MAX_BYTES} bytes.`);
    const image = sniffImage(bytes);
    if (!image || image.type !== ticket.contentType) {
      return fail(400, "upload_content_invalid", `The bytes are not a valid ${ticket.contentType} image.`);
    }
    const key = this.tickets.nextBlobKey(ticket);
    await this.blobs.put(key, bytes);
    // The ticket may have been consumed or evicted while the bytes were being written: then they
    // belong to nobody and go, and the character keeps the bytes it was created from.
    if (ticket.state === "consumed" || this.tickets.isExpired(ticket)) {
      await this.blobs.delete(key);
      return fail(400, "upload_invalid", UNUSABLE_MESSAGES[ticket.state === "consumed" ? "consumed" : "expired"]);
    }
    const previous = this.tickets.markUploaded(ticket, image, key);
    if (previous) await this.blobs.delete(previous);
    return ok(image);
  }

  private usable(teamId: string, uploadId: string, param: string): Result<UsableUpload, UnusableUpload> {
    const found = this.tickets.lookup(uploadId, teamId);
    if (found.kind === "foreign") return fail(404, "resource_not_found", "No upload with this id.", param);
    if (found.kind === "unusable") return fail(400, "upload_invalid", UNUSABLE_MESSAGES[found.reason], param);
    return ok({ ticket: found.ticket, guess: classifyDimensions(found.ticket.image.width, found.ticket.image.height) });
  }

  classify(teamId: string, uploadId: string): Result<Classification, UnusableUpload> {
    const found = this.usable(teamId, uploadId, "upload_id");
    if (!found.ok) return found;
    return ok({ upload_id: uploadId, pose: found.value.guess.pose, confidence: found.value.guess.confidence });
  }

  /**
   * Checks every upload of a create request and, only if all are usable, marks them consumed in the
   * same synchronous step: two creates racing for one upload cannot both get it.
   */
  consume(teamId: string, uploadIds: readonly string[]): Result<UsableUpload[], UnusableUpload> {
    const found: UsableUpload[] = [];
    let firstInvalid: UnusableUpload | undefined;
    for (const [i, id] of uploadIds.entries()) {
      const result = this.usable(teamId, id, `upload_ids[${i}]`);
      // Another team's upload is reported before an unusable one of our own, whatever the order.
      if (!result.ok && result.status === 404) return result;
      if (!result.ok) firstInvalid ??= result;
      else found.push(result.value);
    }
    if (firstInvalid) return firstInvalid;
    for (const upload of found) this.tickets.markConsumed(upload.ticket);
    return ok(found);
  }

  /** Deletes the bytes of tickets past their lifetime. */
  async evictExpired(): Promise<number> {
    const evicted = this.tickets.sweep();
    await Promise.all(evicted.map((t) => (t.blobKey ? this.blobs.deleteTree(`uploads/${t.id}`) : undefined)));
    return evicted.length;
  }
}
