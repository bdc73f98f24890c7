import type { AurousCore } from "../core/core.js";
import type { CallOptions } from "../core/options.js";
import { AurousError } from "../errors/base.js";
import { classifyCharacterUpload, initCharacterUpload, uploadCharacterImage } from "../generated/operations.gen.js";
import type { Pose, UploadContentType, UploadInitRequest } from "../generated/types.gen.js";
import type { ImageBytes } from "../operations/request.js";
import { contentTypeOf, extensionFor, isUploadContentType } from "./content-type.js";

export interface UploadImageOptions {
  /** The file's name, sent to init (its extension also gives the type when `contentType` is absent). */
  filename: string;
  /** Default: a Blob's own type, else the type the filename's extension implies. */
  contentType?: UploadContentType;
  /** Also detect the pose (`POST /v1/characters/uploads/classify`). */
  classify?: boolean;
}

export interface UploadedImage {
  upload_id: string;
  /** Present when `classify` was requested. */
  pose?: Pose;
  confidence?: number;
}

function resolveContentType(bytes: ImageBytes, options: UploadImageOptions): UploadContentType {
  if (options.contentType) return options.contentType;
  if (bytes instanceof Blob && isUploadContentType(bytes.type)) return bytes.type;
  const inferred = contentTypeOf(options.filename);
  if (!inferred) {
    throw new AurousError(
      `cannot tell the image type of "${options.filename}": pass contentType (image/jpeg, image/png or image/webp)`,
    );
  }
  return inferred;
}

/**
 * The whole upload flow: init a ticket, PUT the bytes to its signed URL (without the API key),
 * then optionally classify the pose. The returned `upload_id` goes into `characters.create`.
 */
export async function uploadImage(
  core: AurousCore,
  bytes: ImageBytes,
  options: UploadImageOptions,
  callOptions?: CallOptions,
): Promise<UploadedImage> {
  const contentType = resolveContentType(bytes, options);
  // extensionFor always names the content type's own format, which is the pairing the spec's
  // oneOf requires; TypeScript cannot follow that through a computed value, hence the assertion.
  const init = {
    filename: options.filename,
    extension: extensionFor(options.filename, contentType),
    content_type: contentType,
  } as UploadInitRequest;
  const { data: ticket } = await initCharacterUpload(core, init, callOptions);
  // The URL was signed for the ticket's headers; caller headers still go along (as before).
  const headers = { ...ticket.upload_headers, ...callOptions?.headers };
  await uploadCharacterImage(core, ticket.upload_url, bytes, { ...callOptions, headers });
  if (!options.classify) return { upload_id: ticket.upload_id };
  const { data } = await classifyCharacterUpload(core, { upload_id: ticket.upload_id }, callOptions);
  return { upload_id: ticket.upload_id, pose: data.pose, confidence: data.confidence };
}
