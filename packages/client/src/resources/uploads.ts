// `client.uploads`: the generated operations plus the hand-written upload flow; nothing per operation.

import type { CallOptions } from "../core/options.js";
import { UploadsResource } from "../generated/resources.gen.js";
import { type UploadedImage, type UploadImageOptions, uploadImage } from "../helpers/upload.js";
import type { ImageBytes } from "../operations/request.js";

/** `client.uploads`: the three upload steps and `upload()`, which runs them in order. */
export class Uploads extends UploadsResource {
  /** init → PUT → (classify): returns the `upload_id` to pass to `characters.create`. */
  upload(bytes: ImageBytes, options: UploadImageOptions, callOptions?: CallOptions): Promise<UploadedImage> {
    return uploadImage(this.core, bytes, options, callOptions);
  }
}
