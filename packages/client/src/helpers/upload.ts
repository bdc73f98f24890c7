import type { AurousCore } from "../core/core.js";
import type { CallOptions } from "../core/options.js";
import { AurousError } from "../errors/base.js";
import { classifyCharacterUpload, initCharacterUpload, uploadCharacterImage } from "../generated/operations.gen.js";
import type { Pose, UploadContentType, UploadInitRequest } from "../generated/types.gen.js";
import type { ImageBytes } from "../operations/request.js";
import { contentTypeOf, detectImageType, extensionFor, isUploadContentType, SNIFF_BYTES } from "./content-type.js";

export interface UploadImageOptions {
  /** The file's name, sent to init. The type comes from the bytes, not from its extension. */
  filename: string;
  /**
   * The type you expect. The bytes decide: when they are another accepted type, that one is sent
   * (and a warning logged); when they are no PNG, JPEG or WebP, an AurousError is thrown first.
   */
  contentType?: UploadContentType;
  /** Also detect the pose (`POST /v1/characters/uploads/classify`). */
  classify?: boolean;
}

export interface UploadedImage {
  upload_id: string;
  /** The type the bytes were sent as (detected from them). */
  content_type: UploadContentType;
  /** `Aurous-Request-Id` of each step, to quote to support. */
  requestIds: { init: string | null; put: string | null; classify?: string | null };
  /** Present when `classify` was requested. */
  pose?: Pose;
  confidence?: number;
}

async function headOf(bytes: ImageBytes): Promise<ArrayBuffer | ArrayBufferView> {
  return bytes instanceof Blob ? bytes.slice(0, SNIFF_BYTES).arrayBuffer() : bytes;
}

/**
 * The type to upload as: the one the bytes announce. A Blob type, a file extension or an explicit
 * `contentType` that disagrees is overruled (the storage host would refuse the mismatch with
 * `upload_content_invalid` after init had minted a ticket); bytes of no accepted type throw here,
 * before anything is sent.
 */
async function resolveContentType(
  core: AurousCore,
  bytes: ImageBytes,
  options: UploadImageOptions,
): Promise<UploadContentType> {
  const detected = detectImageType(await headOf(bytes));
  if (!detected) {
    throw new AurousError(
      `the bytes of "${options.filename}" are not a PNG, JPEG or WebP image (the only types the API accepts)`,
    );
  }
  const claimed =
    options.contentType ??
    (bytes instanceof Blob && isUploadContentType(bytes.type) ? bytes.type : contentTypeOf(options.filename));
  if (claimed && claimed !== detected) {
    core.log.warn(
      `@aurous/client upload: "${options.filename}" was declared ${claimed} but its bytes are ${detected}; sending ${detected}`,
    );
  }
  return detected;
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
  const contentType = await resolveContentType(core, bytes, options);
  // extensionFor always names the content type's own format, which is the pairing the spec's
  // oneOf requires; TypeScript cannot follow that through a computed value, hence the assertion.
  const init = {
    filename: options.filename,
    extension: extensionFor(options.filename, contentType),
    content_type: contentType,
  } as UploadInitRequest;
  const { data: ticket, requestId: initId } = await initCharacterUpload(core, init, callOptions);
  // The URL was signed for the ticket's headers; caller headers still go along.
  const headers = { ...ticket.upload_headers, ...callOptions?.headers };
  const { requestId: putId } = await uploadCharacterImage(core, ticket.upload_url, bytes, { ...callOptions, headers });
  const uploaded: UploadedImage = {
    upload_id: ticket.upload_id,
    content_type: contentType,
    requestIds: { init: initId, put: putId },
  };
  if (!options.classify) return uploaded;
  const { data, requestId } = await classifyCharacterUpload(core, { upload_id: ticket.upload_id }, callOptions);
  return {
    ...uploaded,
    requestIds: { ...uploaded.requestIds, classify: requestId },
    pose: data.pose,
    confidence: data.confidence,
  };
}
