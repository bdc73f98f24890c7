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
