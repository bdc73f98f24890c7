// The sandbox's "model": real PNG files (pngjs) standing in for generated images. Each is the
// requested size scaled down (long side at most 512 px, to keep files small; the API still reports
// the requested size) with colours drawn from the seed, the prompt and the output number. When the
// generation is anchored on a character, the character's first ref is pasted in, downscaled, on a
// background tinted with its average colour, so the output visibly comes from the character.
import { createHash } from "node:crypto";
import { PNG } from "pngjs";

export const MAX_RENDER_SIDE = 512;

type Rgb = readonly [number, number, number];

/** The same cheap encoding as the synthesized refs (flat runs compress to almost nothing). */
const ENCODING = { filterType: 1, deflateLevel: 6, deflateStrategy: 3 } as const;

export interface RenderInput {
  /** The reported output size; the file is this, scaled down to MAX_RENDER_SIDE. */
  width: number;
  height: number;
  /** Varies the colours: the same seed, prompt and index give the same bytes. */
  seed: string;
  index: number;
  /** Bytes of the anchoring image (a character's ref), if any. */
  reference?: Buffer | null;
}

/** The scaled-down pixel size of a rendered output. */
export function renderSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_RENDER_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function colours(seed: string): Rgb[] {
  const h = createHash("sha256").update(seed).digest();
  return [0, 3, 6, 9].map((i) => [h[i]!, h[i + 1]!, h[i + 2]!] as const);
}

/** A PNG's pixels, or null for anything pngjs cannot read (JPEG and WebP refs). */
function decodePng(bytes: Buffer): PNG | null {
  try {
    return PNG.sync.read(bytes);
  } catch {
    return null;
  }
}

function averageColour(png: PNG): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  // Every few pixels is plenty for a tint.
  for (let i = 0; i < png.data.length; i += 4 * 7) {
    r += png.data[i]!;
    g += png.data[i + 1]!;
    b += png.data[i + 2]!;
    n++;
  }
  return n === 0 ? [128, 128, 128] : [Math.round(r / n), Math.round(g / n), Math.round(b / n)];
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] * (1 - t) + b[0] * t),
  Math.round(a[1] * (1 - t) + b[1] * t),
  Math.round(a[2] * (1 - t) + b[2] * t),
];

export function renderOutput(input: RenderInput): Buffer {
  const { width, height } = renderSize(input.width, input.height);
  const png = new PNG({ width, height });
  const [top, bottom, accent, stripe] = colours(`${input.seed}:${input.index}`) as [Rgb, Rgb, Rgb, Rgb];
  const ref = input.reference ? decodePng(input.reference) : null;
  // A character's look sets the mood: its average colour tints the background; a reference that is
  // not a PNG still changes the colours through its bytes.
  const tint = ref
    ? averageColour(ref)
    : input.reference
      ? colours(createHash("sha256").update(input.reference).digest("hex"))[0]!
      : null;

  const set = (x: number, y: number, [r, g, b]: Rgb) => {
    const i = (y * width + x) * 4;
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = 255;
  };

  // A vertical gradient in bands (flat runs keep the file small).
  const bands = 16;
  for (let y = 0; y < height; y++) {
    let colour = mix(top, bottom, Math.floor((y / height) * bands) / bands);
    if (tint) colour = mix(colour, tint, 0.6);
    const row = Buffer.from([...colour, 255]);
    png.data.fill(row, y * width * 4, (y + 1) * width * 4);
  }
  // A sun and a horizon stripe, so outputs of one generation differ visibly by index.
  const cx = width * (0.2 + 0.6 * ((input.index * 0.37) % 1));
  const cy = height * 0.3;
  const r = Math.min(width, height) * 0.12;
  for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(height, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(width, Math.ceil(cx + r)); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) set(x, y, accent);
    }
  }
  const stripeTop = Math.floor(height * 0.85);
  for (let y = stripeTop; y < Math.min(height, stripeTop + Math.max(2, Math.floor(height * 0.04))); y++) {
    png.data.fill(Buffer.from([...stripe, 255]), y * width * 4, (y + 1) * width * 4);
  }

  // The character itself: its ref, scaled (nearest neighbour) to 70 % of the height, centred.
  if (ref && ref.width > 0 && ref.height > 0) {
    const scale = Math.min((height * 0.7) / ref.height, (width * 0.9) / ref.width);
    const w = Math.max(1, Math.floor(ref.width * scale));
    const h = Math.max(1, Math.floor(ref.height * scale));
    const x0 = Math.floor((width - w) / 2);
    const y0 = Math.floor(height - h - height * 0.05);
    for (let y = 0; y < h; y++) {
      const sy = Math.min(ref.height - 1, Math.floor(y / scale));
      for (let x = 0; x < w; x++) {
        const sx = Math.min(ref.width - 1, Math.floor(x / scale));
        const si = (sy * ref.width + sx) * 4;
        if (ref.data[si + 3]! < 128) continue; // transparent pixels keep the background
        set(x0 + x, y0 + y, [ref.data[si]!, ref.data[si + 1]!, ref.data[si + 2]!]);
      }
    }
  }
  return PNG.sync.write(png, ENCODING);
}
