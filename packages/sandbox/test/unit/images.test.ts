import { componentSchemas } from "@aurous/server-stubs";
import { describe, expect, it } from "vitest";
import { classifyDimensions, PLACEHOLDER_SIZES, POSE_BANDS } from "../../src/images/classify.js";
import { placeholderPng } from "../../src/images/placeholder.js";
import { sniffImage } from "../../src/images/sniff.js";
import type { Pose } from "../../src/poses.js";
import { jpegBytes, pngBytes, webpBytes } from "../helpers/images.js";

// Every pose of the spec, read from the generated schemas rather than typed again here.
const POSES = (componentSchemas.Pose as { enum: Pose[] }).enum;

describe("sniffImage", () => {
  it("reads type and size from PNG, JPEG and WebP headers", () => {
    expect(sniffImage(pngBytes(30, 60))).toEqual({ type: "image/png", width: 30, height: 60 });
    expect(sniffImage(jpegBytes(640, 480))).toEqual({ type: "image/jpeg", width: 640, height: 480 });
    expect(sniffImage(webpBytes(1000, 1600))).toEqual({ type: "image/webp", width: 1000, height: 1600 });
  });

  it("refuses bytes that are not one of the three image types", () => {
    expect(sniffImage(Buffer.from("definitely not an image, just some text"))).toBeNull();
    expect(sniffImage(Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"))).toBeNull(); // a GIF
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
    expect(sniffImage(pngBytes(4, 4).subarray(0, 10))).toBeNull(); // truncated before IHDR
  });
});

describe("classifyDimensions", () => {
  it.each([
    [100, 30, "other"],
    [100, 60, "back"],
    [100, 100, "portrait"],
    [100, 140, "side"],
    [100, 200, "front"],
    [100, 400, "other"],
  ])("%i×%i is %s", (w, h, pose) => {
    expect(classifyDimensions(w, h).pose).toBe(pose);
  });

  it("is most confident at a band's centre and least at its edge", () => {
    expect(classifyDimensions(100, 100).confidence).toBe(0.95);
    expect(classifyDimensions(1000, 1249).confidence).toBeLessThan(0.52);
    expect(classifyDimensions(1000, 1250)).toEqual({ pose: "side", confidence: 0.5 });
  });

  it("keeps every confidence within [0.5, 0.95] and bands contiguous", () => {
    for (let h = 1; h <= 500; h += 7) {
      const { confidence } = classifyDimensions(100, h);
      expect(confidence).toBeGreaterThanOrEqual(0.5);
      expect(confidence).toBeLessThanOrEqual(0.95);
    }
    for (const [i, band] of POSE_BANDS.slice(1).entries()) expect(band.from).toBe(POSE_BANDS[i]!.to);
  });
});

describe("placeholderPng", () => {
  it.each(POSES)("makes a real PNG for %s that classifies back to its own pose", (pose) => {
    const bytes = placeholderPng(pose, "char_x:1");
    const image = sniffImage(bytes);
    expect(image).toEqual({ type: "image/png", ...PLACEHOLDER_SIZES[pose] });
    expect(classifyDimensions(image!.width, image!.height).pose).toBe(pose);
  });

  it("is reproducible for one seed and differs between seeds", () => {
    expect(placeholderPng("front", "a").equals(placeholderPng("front", "a"))).toBe(true);
    expect(placeholderPng("front", "a").equals(placeholderPng("front", "b"))).toBe(false);
  });
});
