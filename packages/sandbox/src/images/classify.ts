// The sandbox's pose "detector": a deterministic rule on the image's aspect ratio, read from the
// bytes themselves, so the same bytes always get the same answer. It is no real pose detection; it
// gives every label a reproducible way to appear (see the README for the table):
//
//   ratio = height / width     pose
//   < 0.5                      other     (panorama strip)
//   0.5  – 0.8                 back      (landscape)
//   0.8  – 1.25                portrait  (about square: head and shoulders)
//   1.25 – 1.6                 side      (moderately tall)
//   1.6  – 3.0                 front     (tall: a full-body shot)
//   > 3.0                      other     (a sliver)
//
// Confidence is 0.5 on a band's edge and rises linearly (in log ratio) to 0.95 at its centre; in the
// open-ended `other` bands it reaches 0.95 one factor of 1.5 beyond the edge.
import type { Pose } from "../poses.js";

interface Band {
  pose: Pose;
  /** Lower bound of height/width (inclusive). */
  from: number;
  /** Upper bound of height/width (exclusive). */
  to: number;
}

export const POSE_BANDS: readonly Band[] = [
  { pose: "other", from: 0, to: 0.5 },
  { pose: "back", from: 0.5, to: 0.8 },
  { pose: "portrait", from: 0.8, to: 1.25 },
  { pose: "side", from: 1.25, to: 1.6 },
  { pose: "front", from: 1.6, to: 3.0 },
  { pose: "other", from: 3.0, to: Infinity },
];

const OPEN_BAND_SCALE = Math.log(1.5);

export interface PoseGuess {
  pose: Pose;
  confidence: number;
}

export function classifyDimensions(width: number, height: number): PoseGuess {
  if (!(width > 0) || !(height > 0)) return { pose: "other", confidence: 0.5 };
  const ratio = height / width;
  const band = POSE_BANDS.find((b) => ratio >= b.from && ratio < b.to) ?? POSE_BANDS[POSE_BANDS.length - 1]!;
  const x = Math.log(ratio);
  let closeness: number;
  if (band.from === 0 || band.to === Infinity) {
    const edge = Math.log(band.from === 0 ? band.to : band.from);
    closeness = Math.min(1, Math.abs(x - edge) / OPEN_BAND_SCALE);
  } else {
    const lo = Math.log(band.from);
    const hi = Math.log(band.to);
    closeness = Math.min(x - lo, hi - x) / ((hi - lo) / 2);
  }
  const confidence = Math.round((0.5 + 0.45 * Math.max(0, Math.min(1, closeness))) * 100) / 100;
  return { pose: band.pose, confidence };
}

/** Dimensions of the sandbox's own generated refs: each sits at the centre of its pose's band. */
export const PLACEHOLDER_SIZES: Record<Pose, { width: number; height: number }> = {
  portrait: { width: 512, height: 512 }, // 1.00
  other: { width: 560, height: 200 }, // 0.36
  front: { width: 256, height: 560 }, // 2.19
  side: { width: 362, height: 512 }, // 1.41
  back: { width: 512, height: 324 }, // 0.63
};
