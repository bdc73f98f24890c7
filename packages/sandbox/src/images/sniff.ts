// Reads what an image really is from its bytes (magic numbers and header), never from what the
// client claims: image-size recognises the format and decodes the dimensions from the PNG IHDR,
// the JPEG SOF marker or the WebP VP8/VP8L/VP8X chunk.
import { imageSize } from "image-size";

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

const BY_DETECTED: Record<string, ImageType> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp" };

export interface SniffedImage {
  type: ImageType;
  /** Width and height as displayed (a JPEG's EXIF rotation by 90° swaps them). */
  width: number;
  height: number;
}

export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  if (bytes.length < 12) return null;
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return null; // not a format image-size knows, or a header it cannot read
  }
  const type = size.type ? BY_DETECTED[size.type] : undefined;
  if (!type || !(size.width > 0) || !(size.height > 0)) return null;
  const rotated = size.orientation !== undefined && size.orientation >= 5 && size.orientation <= 8;
  return rotated ? { type, width: size.height, height: size.width } : { type, width: size.width, height: size.height };
}
