import type { Classification, UploadInitRequest, UploadTicket } from '../generated/types.gen.js';
import type { AurousCore } from '../core/core.js';
import type { CallOptions } from '../core/options.js';
import type { ApiResult } from '../core/result.js';
import { type UploadedImage, type UploadImageOptions, uploadImage } from '../helpers/upload.js';
import { classifyUpload, type ImageBytes, initUpload, putUpload } from '../operations/uploads.js';

/** `client.uploads`: the three upload steps and `upload()`, which runs them in order. */
export class Uploads {
  readonly #core: AurousCore;

  constructor(core: AurousCore) {
    this.#core = core;
  }

  init(body: UploadInitRequest, options?: CallOptions): Promise<ApiResult<UploadTicket>> {
    return initUpload(this.#core, body, options);
  }

  /** PUTs bytes to a ticket's signed `upload_url` (no API key is sent). */
  put(
    ticket: Pick<UploadTicket, 'upload_url' | 'upload_headers'>,
    bytes: ImageBytes,
    options?: CallOptions,
  ): Promise<ApiResult<void>> {
    return putUpload(this.#core, ticket, bytes, options);
  }

  classify(uploadId: string, options?: CallOptions): Promise<ApiResult<Classification>> {
    return classifyUpload(this.#core, uploadId, options);
  }

  /** init → PUT → (classify): returns the `upload_id` to pass to `characters.create`. */
  upload(bytes: ImageBytes, options: UploadImageOptions, callOptions?: CallOptions): Promise<UploadedImage> {
    return uploadImage(this.#core, bytes, options, callOptions);
  }
}
