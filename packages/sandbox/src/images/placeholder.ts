// Generated refs for the synthesize flow: real PNG files (pngjs), one per pose, a simple figure on a
// background whose colours come from a seed (character id and generation), so each synthesis looks
// different while staying reproducible. Their dimensions classify back to their own pose (`other`,
// which only a regenerate can ask for, is a wide strip).
import { createHash } from "node:crypto";
import { PNG } from "pngjs";
import type { Pose } from "../poses.js";
import { PLACEHOLDER_SIZES } from "./classify.js";

type Rgb = readonly [number, number, number];

// Flat colours compress well with the "sub" row filter (a flat run becomes zeros) and run-length
// deflate, far cheaper than pngjs's default per-row filter search and full deflate search, which
// would otherwise dominate the cost.
const ENCODING = { filterType: 1, deflateLevel: 6, deflateStrategy: 3 } as const;

class Canvas {
  readonly png: PNG;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.png = new PNG({ width, height });
    this.fillRect(0, 0, width, height, background);
  }
  private set(x: number, y: number, [r, g, b]: Rgb): void {
    const i = (y * this.width + x) * 4;
    this.png.data[i] = r;
    this.png.data[i + 1] = g;
    this.png.data[i + 2] = b;
    this.png.data[i + 3] = 255;
  }
  fillRect(x0: number, y0: number, w: number, h: number, colour: Rgb): void {
    const xa = Math.max(0, Math.round(x0));
    const x1 = Math.min(this.width, Math.round(x0 + w));
    const y1 = Math.min(this.height, Math.round(y0 + h));
    if (x1 <= xa) return;
    const pixel = Buffer.from([...colour, 255]);
    for (let y = Math.max(0, Math.round(y0)); y < y1; y++) {
      this.png.data.fill(pixel, (y * this.width + xa) * 4, (y * this.width + x1) * 4);
    }
  }
  fillEllipse(cx: number, cy: number, rx: number, ry: number, colour: Rgb): void {
    for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(this.height, Math.ceil(cy + ry)); y++) {
      for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(this.width, Math.ceil(cx + rx)); x++) {
        if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) this.set(x, y, colour);
      }
    }
  }
}

function palette(seed: string): { background: Rgb; skin: Rgb; cloth: Rgb; hair: Rgb } {
  const h = createHash("sha256").update(seed).digest();
  const pick = (i: number, lo: number, hi: number): Rgb => [
    lo + (h[i]! % (hi - lo)),
    lo + (h[i + 1]! % (hi - lo)),
    lo + (h[i + 2]! % (hi - lo)),
  ];
  return { background: pick(0, 180, 250), skin: pick(3, 150, 230), cloth: pick(6, 30, 160), hair: pick(9, 10, 90) };
}

/** A PNG for one pose. `seed` varies the colours; the same seed and pose give the same bytes. */
export function placeholderPng(pose: Pose, seed: string): Buffer {
  const { width: w, height: h } = PLACEHOLDER_SIZES[pose];
  const c = palette(`${seed}:${pose}`);
  const canvas = new Canvas(w, h, c.background);
  const cx = w / 2;
  if (pose === "portrait") {
    canvas.fillEllipse(cx, h * 1.05, w * 0.42, h * 0.35, c.cloth); // shoulders
    canvas.fillEllipse(cx, h * 0.42, w * 0.2, h * 0.26, c.skin); // head
    canvas.fillEllipse(cx, h * 0.25, w * 0.21, h * 0.11, c.hair);
    return PNG.sync.write(canvas.png, ENCODING);
  }
  const head = h * 0.07;
  const faceShift = pose === "side" ? w * 0.06 : 0; // a profile looks to one side
  canvas.fillRect(cx - w * 0.17, h * 0.18, w * 0.34, h * 0.4, c.cloth); // torso
  canvas.fillRect(cx - w * 0.15, h * 0.58, w * 0.12, h * 0.36, c.cloth); // legs
  canvas.fillRect(cx + w * 0.03, h * 0.58, w * 0.12, h * 0.36, c.cloth);
  canvas.fillEllipse(cx + faceShift, h * 0.11, head, head, pose === "back" ? c.hair : c.skin);
  if (pose !== "back") canvas.fillEllipse(cx + faceShift * 0.5, h * 0.07, head, head * 0.5, c.hair);
  return PNG.sync.write(canvas.png, ENCODING);
}
