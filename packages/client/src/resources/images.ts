// `client.images`: the generated operations plus the hand-written helpers; nothing per operation.

import type { CallOptions } from "../core/options.js";
import type { ApiResult } from "../core/result.js";
import { listImages } from "../generated/operations.gen.js";
import { ImagesResource } from "../generated/resources.gen.js";
import type { CreateImageRequest, Generation, GenerationList } from "../generated/types.gen.js";
import {
  type CreateAndWaitOptions,
  createImageAndWait,
  downloadImageOutput,
  downloadImageOutputs,
  type WaitForImageOptions,
  waitForImage,
} from "../helpers/images.js";
import { type Paginator, paginate, type QueryOf } from "../helpers/paginate.js";

/** The query of `images.listAll` and `images.paginate`: listImages' own, without the cursors. */
export type ListImagesPageQuery = QueryOf<typeof listImages>;

/** `client.images`: the Images operations plus polling, download and pagination helpers. */
export class Images extends ImagesResource {
  /** Creates a generation and polls until its status is terminal; resolves with it, failed or not. */
  createAndWait(body: CreateImageRequest, options?: CreateAndWaitOptions): Promise<ApiResult<Generation>> {
    return createImageAndWait(this.core, body, options);
  }

  /** Polls until the generation's status is terminal (succeeded, failed, cancelled or unknown). */
  waitFor(id: string, options?: WaitForImageOptions): Promise<ApiResult<Generation>> {
    return waitForImage(this.core, id, options);
  }

  /** The bytes of output `n` (default 0), via the authenticated output call. */
  download(generation: Generation | string, n = 0, options?: CallOptions): Promise<Uint8Array> {
    return downloadImageOutput(this.core, generation, n, options);
  }

  /** The bytes of every output of a generation (none unless it succeeded). */
  downloadAll(generation: Generation, options?: CallOptions): Promise<Uint8Array[]> {
    return downloadImageOutputs(this.core, generation, options);
  }

  /** Iterates every generation (`for await`), newest first, following `next_cursor` across pages. */
  listAll(query?: ListImagesPageQuery, options?: CallOptions): AsyncGenerator<Generation, void, undefined> {
    return this.paginate(query, options)[Symbol.asyncIterator]();
  }

  /** The matching generations as a paginator: `for await` over items, `pages()`, or `toArray({ limit })`. */
  paginate(query?: ListImagesPageQuery, options?: CallOptions): Paginator<Generation, GenerationList> {
    return paginate(this.core, listImages, query, options);
  }
}
