// What Prism's mock serves must be coherent. A 429's examples (body message, Retry-After, the
// X-RateLimit-* headers) agree with each other and with the operation's x-aurous-rate-limit; the
// x-faker hints that steer the dynamic mode (`Prefer: dynamic=true`) name only released versions.
import { describe, expect, it } from "vitest";
import { deref, loadBundle, operations } from "./bundle.js";

const spec = loadBundle();
const limited = operations(spec).filter((o) => o.operation["x-aurous-rate-limit"] && o.operation.responses["429"]);

interface Bucket {
  bucket: string;
  error_code: string;
  sustained_per_minute: number;
  burst: number;
}

/** Seconds until one token is back: the token bucket refills sustained_per_minute per minute. */
const retryAfter = (b: Bucket) => Math.max(1, Math.ceil(60 / b.sustained_per_minute));

describe("429 examples agree with x-aurous-rate-limit", () => {
  it("covers every rate-limited operation", () => {
    const rateLimited = operations(spec).filter((o) => o.model.rateLimit);
    expect(rateLimited.length).toBeGreaterThan(0);
    expect(limited.map((o) => o.model.operationId)).toEqual(rateLimited.map((o) => o.model.operationId));
  });

  it.each(limited.map((o) => [o.operation.operationId, o] as const))("%s", (_id, o) => {
    const limit = o.operation["x-aurous-rate-limit"];
    const buckets: Bucket[] = [limit, ...(limit.variants ?? [])];
    const response = deref(spec, o.operation.responses["429"]);
    const examples = Object.entries<{ value: { error: { code: string; message: string } } }>(
      response.content["application/json"].examples,
    );
    for (const [name, example] of examples) {
      const bucket = buckets.find((b) => b.error_code === example.value.error.code);
      expect(bucket, `${name}: no bucket answers ${example.value.error.code}`).toBeDefined();
      expect(example.value.error.message).toBe(
        `Rate limit exceeded for ${bucket!.bucket}. Retry after ${retryAfter(bucket!)}s.`,
      );
    }
    // Prism serves a header's first example with whichever body: they follow the first example's bucket.
    const first = buckets.find((b) => b.error_code === examples[0]![1].value.error.code)!;
    const header = (name: string) => deref(spec, response.headers[name]).example;
    expect(header("Retry-After")).toBe(retryAfter(first));
    expect(header("X-RateLimit-Limit")).toBe(first.burst);
    expect(header("X-RateLimit-Remaining")).toBe(0);
    expect(header("X-RateLimit-Reset")).toBeGreaterThan(1_700_000_000);
  });
});

describe("x-faker hints for the dynamic mock", () => {
  it("generate only released API versions", () => {
    const released = spec["x-aurous-versions"].map((v: { version: string }) => v.version);
    expect(spec.components.schemas.ApiVersion["x-faker"]).toEqual({ "helpers.arrayElement": [released] });
  });
});
