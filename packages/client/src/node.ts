// Node-only helpers: they read and write files with node:fs, so they stay out of the runtime-neutral core.
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Aurous } from "./client.js";
import type { AurousCore } from "./core/core.js";
import type { CallOptions } from "./core/options.js";
import { AurousFileError } from "./errors/file.js";
import type { Generation } from "./generated/types.gen.js";
import { imageOutput } from "./helpers/images.js";
import { type UploadedImage, type UploadImageOptions, uploadImage } from "./helpers/upload.js";

export type UploadFileOptions = Partial<UploadImageOptions>;

/**
 * Uploads an image file: reads it, takes the type from its bytes (PNG, JPEG or WebP, whatever the
 * extension says), then runs init → PUT → (classify).
 */
export async function uploadFile(
  client: Aurous | AurousCore,
  path: string,
  options: UploadFileOptions = {},
  callOptions?: CallOptions,
): Promise<UploadedImage> {
  const core = "core" in client ? client.core : client;
  // Everything the client throws is an AurousError, a file that cannot be read included.
  const bytes = await readFile(path).catch((error: unknown) => {
    throw new AurousFileError(path, error);
  });
  return uploadImage(core, bytes, { ...options, filename: options.filename ?? basename(path) }, callOptions);
}

export interface DownloadFileOptions {
  /** Which output of the generation, from 0 (its position in `output_urls`). Default 0. */
  n?: number;
}

/** What `downloadFile` wrote. */
export interface DownloadedFile {
  path: string;
  /** The output's media type: `image/png`, `image/jpeg` or `image/webp`. */
  contentType: string;
  /** Bytes written. */
  size: number;
}

/**
 * Downloads output `n` (default 0) of a succeeded generation to a file, through the authenticated
 * `GET /v1/images/{id}/output/{n}`; the API's errors are those of `images.download`. The file is
 * written only once every byte has arrived. Pick the extension from `contentType` if it matters.
 */
export async function downloadFile(
  client: Aurous | AurousCore,
  generation: Generation | string,
  path: string,
  options: DownloadFileOptions = {},
  callOptions?: CallOptions,
): Promise<DownloadedFile> {
  const core = "core" in client ? client.core : client;
  const { data } = await imageOutput(core, generation, options.n ?? 0, callOptions);
  const bytes = new Uint8Array(await data.arrayBuffer());
  await writeFile(path, bytes).catch((error: unknown) => {
    throw new AurousFileError(path, error, "write");
  });
  return { path, contentType: data.type, size: bytes.byteLength };
}
