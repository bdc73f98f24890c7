// A character as the sandbox keeps it. The API view (refs as signed URLs, timestamps as strings) is
// derived from it in view.ts.
// Statuses, attributes and content types are the spec's, through the stubs' generated types.
import type { CharacterAttributes, CharacterStatus, UploadContentType } from "@aurous/server-stubs";
import type { Pose } from "../poses.js";

export type { CharacterStatus };
export type Attributes = CharacterAttributes;

export interface StoredRef {
  pose: Pose;
  /** Where the image bytes are in the blob store. */
  blobKey: string;
  contentType: UploadContentType;
}

export interface CharacterRecord {
  id: string;
  teamId: string;
  name: string;
  status: CharacterStatus;
  refs: StoredRef[];
  createdAt: number;
  updatedAt: number;
  clientReferenceId: string | null;
  attributes: Attributes | null;
  errorMessage: string | null;
  aurousVersion: string;
  /** Bumped by every synthesis run; seeds the generated images and their blob keys. */
  generation: number;
  /**
   * Whether the character has been ready (saved, or created from uploads). A saved character never
   * returns to `reviewing` (the save page): its regenerations and resyntheses end in `ready`.
   */
  published: boolean;
}
