// Node-only helpers: they read files with node:fs, so they stay out of the runtime-neutral core.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Aurous } from "./client.js";
import type { AurousCore } from "./core/core.js";
import type { CallOptions } from "./core/options.js";
import { AurousFileError } from "./errors/file.js";
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
