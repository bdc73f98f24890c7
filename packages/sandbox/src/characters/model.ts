// A character as the sandbox keeps it. The API view (refs as signed URLs, timestamps as strings) is
// derived from it in view.ts.
import type { Pose } from "../poses.js";

export const CHARACTER_STATUSES = ["synthesizing", "reviewing", "ready", "failed", "deleted"] as const;
export type CharacterStatus = (typeof CHARACTER_STATUSES)[number];

export interface Attributes {
  gender?: string;
  age?: number;
  ethnicity?: string;
  hair_color?: string;
  hair_style?: string;
  eye_color?: string;
  body_type?: string;
  additional_details?: string;
}

export interface StoredRef {
  pose: Pose;
  /** Where the image bytes are in the blob store. */
  blobKey: string;
  contentType: "image/jpeg" | "image/png" | "image/webp";
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
}
