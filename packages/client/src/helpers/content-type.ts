import type { UploadContentType, UploadExtension } from "../generated/types.gen.js";

const typeByExtension: Readonly<Record<string, UploadContentType>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

/** The extension of a file name, lower-cased, without the dot ('' when there is none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot < 0 ? "" : filename.slice(dot + 1).toLowerCase();
}

/** The image type a file name implies, if it is one the API accepts. */
export function contentTypeOf(filename: string): UploadContentType | undefined {
  return typeByExtension[extensionOf(filename)];
}

export function isUploadContentType(value: string): value is UploadContentType {
  return Object.values(typeByExtension).includes(value as UploadContentType);
}

/** The extension to declare: the file's own when it agrees with the type, else the type's usual one. */
export function extensionFor(filename: string, contentType: UploadContentType): UploadExtension {
  const own = extensionOf(filename);
  if (typeByExtension[own] === contentType) return own as UploadExtension;
  return contentType === "image/jpeg" ? "jpg" : contentType === "image/png" ? "png" : "webp";
}

/** How many leading bytes `detectImageType` needs. */
export const SNIFF_BYTES = 12;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

/**
 * The image type the bytes themselves announce (their magic numbers), if it is one the API
 * accepts: PNG `89 50 4E 47 0D 0A 1A 0A`, JPEG `FF D8 FF`, WebP `RIFF····WEBP`. A file name or a
 * Blob type is only a claim; the storage host checks the bytes (`upload_content_invalid`).
 */
export function detectImageType(bytes: ArrayBuffer | ArrayBufferView): UploadContentType | undefined {
  const head = ArrayBuffer.isView(bytes)
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF_BYTES))
    : new Uint8Array(bytes, 0, Math.min(bytes.byteLength, SNIFF_BYTES));
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return undefined;
}
