// Upload tickets: minted by init, filled by the signed PUT, read by classify, consumed by create.
// A ticket lives 24 hours from minting; its URL accepts bytes for the first 15 minutes. Expired
// tickets keep a small record (so a late PUT can be told "upload_invalid") but lose their bytes.

import type { Clock } from "../clock.js";
import { newId } from "../ids.js";
import type { ImageType, SniffedImage } from "../images/sniff.js";

export const UPLOAD_URL_TTL_MS = 15 * 60 * 1000;
export const UPLOAD_TICKET_TTL_MS = 24 * 60 * 60 * 1000;

export interface TicketRecord {
  id: string;
  teamId: string;
  filename: string;
  contentType: ImageType;
  createdAt: number;
  /** When the signed URL stops accepting bytes (ms). */
  urlExpiresAt: number;
  /** When the ticket and its bytes are evicted (ms). */
  expiresAt: number;
  state: "awaiting_bytes" | "uploaded" | "consumed" | "evicted";
  /** What the stored bytes are; set once a PUT succeeded. */
  image: SniffedImage | null;
  /** Where the bytes of the latest successful PUT are. Each PUT writes a new key (see markUploaded). */
  blobKey: string | null;
}

/** Why a ticket cannot be used; "foreign" means it exists but belongs to another team. */
export type TicketLookup =
  | { kind: "usable"; ticket: UsableTicket }
  | { kind: "unusable"; reason: "unknown" | "expired" | "no_bytes" | "consumed" }
  | { kind: "foreign" };

export type UsableTicket = TicketRecord & { image: SniffedImage; blobKey: string };

export class UploadTickets {
  private readonly tickets = new Map<string, TicketRecord>();

  constructor(private readonly clock: Clock) {}

  mint(teamId: string, filename: string, contentType: ImageType): TicketRecord {
    const now = this.clock.now();
    const ticket: TicketRecord = {
      id: newId("upl"),
      teamId,
      filename,
      contentType,
      createdAt: now,
      urlExpiresAt: now + UPLOAD_URL_TTL_MS,
      expiresAt: now + UPLOAD_TICKET_TTL_MS,
      state: "awaiting_bytes",
      image: null,
      blobKey: null,
    };
    this.tickets.set(ticket.id, ticket);
    return ticket;
  }

  get(uploadId: string): TicketRecord | undefined {
    return this.tickets.get(uploadId);
  }

  isExpired(ticket: TicketRecord): boolean {
    return ticket.state === "evicted" || this.clock.now() >= ticket.expiresAt;
  }

  /** Can this team use the upload (classify it, or consume it on create)? */
  lookup(uploadId: string, teamId: string): TicketLookup {
    const ticket = this.tickets.get(uploadId);
    if (!ticket) return { kind: "unusable", reason: "unknown" };
    if (ticket.teamId !== teamId) return { kind: "foreign" };
    if (ticket.state === "consumed") return { kind: "unusable", reason: "consumed" };
    if (this.isExpired(ticket)) return { kind: "unusable", reason: "expired" };
    if (ticket.state !== "uploaded" || !ticket.image || !ticket.blobKey)
      return { kind: "unusable", reason: "no_bytes" };
    return { kind: "usable", ticket: ticket as UsableTicket };
  }

  /** A fresh blob key for the next PUT's bytes; keys are never reused, so a slow PUT cannot overwrite bytes a character already owns. */
  nextBlobKey(ticket: TicketRecord): string {
    return `uploads/${ticket.id}/${newId("upl").slice(4)}`;
  }

  /** Records a finished PUT; returns the blob key of the bytes it replaces (to delete), if any. */
  markUploaded(ticket: TicketRecord, image: SniffedImage, blobKey: string): string | null {
    const previous = ticket.blobKey;
    ticket.state = "uploaded";
    ticket.image = image;
    ticket.blobKey = blobKey;
    return previous;
  }

  markConsumed(ticket: TicketRecord): void {
    ticket.state = "consumed";
  }

  /**
   * Marks tickets past their lifetime as evicted and returns those whose bytes should be deleted.
   * Records older than twice the lifetime are forgotten entirely.
   */
  sweep(): TicketRecord[] {
    const now = this.clock.now();
    const evicted: TicketRecord[] = [];
    for (const ticket of this.tickets.values()) {
      if (now >= ticket.createdAt + 2 * UPLOAD_TICKET_TTL_MS) this.tickets.delete(ticket.id);
      if (ticket.state === "uploaded" || ticket.state === "awaiting_bytes") {
        if (now >= ticket.expiresAt) {
          ticket.state = "evicted";
          evicted.push(ticket);
        }
      }
    }
    return evicted;
  }
}

export const UNUSABLE_MESSAGES: Record<Extract<TicketLookup, { kind: "unusable" }>["reason"], string> = {
  unknown: "No upload with this id exists.",
  expired: "This upload has expired (tickets live 24 hours); mint a new one with POST /v1/characters/uploads/init.",
  no_bytes: "This upload has no bytes yet: PUT the image to its upload_url first.",
  consumed: "This upload was already used to create a character.",
};
