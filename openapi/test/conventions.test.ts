// Cross-cutting conventions that code is generated from: the x- extensions, headers and parameters
// every operation must carry.
import { describe, expect, it } from "vitest";
import { deref, loadBundle, operations } from "./bundle.js";

const spec = loadBundle();
const api = operations(spec).filter((o) => o.path.startsWith("/v1/"));
const paramNames = (o: (typeof api)[number]) =>
  [...(o.pathItem.parameters ?? []), ...(o.operation.parameters ?? [])].map((p: any) => deref(spec, p).name);

describe("operation conventions", () => {
  it.each(api.map((o) => [o.operation.operationId, o] as const))("%s carries its machine-readable extensions", (_id, o) => {
    const op = o.operation;
    expect(["read", "write"]).toContain(op["x-aurous-scope"]);
    const limit = op["x-aurous-rate-limit"];
    for (const l of [limit, ...(limit.variants ?? [])]) {
      expect(l.bucket).toMatch(/^characters_(post|get|synthesize)$/);
      expect(l.sustained_per_minute).toBeGreaterThan(0);
      expect(l.burst).toBeGreaterThanOrEqual(l.sustained_per_minute);
    }
    expect(op["x-aurous-credit-cost"].credits).toBeGreaterThanOrEqual(0);
    expect(typeof op["x-aurous-idempotency"].honours_key).toBe("boolean");
  });

  it("gives each rate-limit bucket the same numbers everywhere", () => {
    const seen = new Map<string, string>();
    for (const { operation } of api) {
      const limit = operation["x-aurous-rate-limit"];
      for (const l of [limit, ...(limit.variants ?? [])]) {
        const numbers = `${l.sustained_per_minute}/${l.burst}`;
        expect(seen.get(l.bucket) ?? numbers, l.bucket).toBe(numbers);
        seen.set(l.bucket, numbers);
      }
    }
    expect(Object.fromEntries(seen)).toEqual({ characters_post: "30/60", characters_get: "120/240", characters_synthesize: "6/12" });
  });

  it.each(api.map((o) => [o.operation.operationId, o] as const))("%s accepts Aurous-Version, and Idempotency-Key exactly when it honours it", (_id, o) => {
    const names = paramNames(o);
    expect(names).toContain("Aurous-Version");
    const honours = o.operation["x-aurous-idempotency"].honours_key;
    expect(names.includes("Idempotency-Key")).toBe(honours);
    const success = Object.entries<any>(o.operation.responses).filter(([s]) => s.startsWith("2"));
    for (const [, r] of success) expect(Boolean(deref(spec, r).headers["Aurous-Idempotent-Replayed"])).toBe(honours);
    expect(Boolean(o.operation.responses["409"])).toBe(honours);
  });

  it("puts Aurous-Request-Id on every response, Aurous-Version and X-RateLimit-* on every API response, Retry-After on 429", () => {
    for (const o of operations(spec)) {
      for (const [status, ref] of Object.entries<any>(o.operation.responses)) {
        const headers = Object.keys(deref(spec, ref).headers ?? {});
        const where = `${o.operation.operationId} ${status}`;
        expect(headers, where).toContain("Aurous-Request-Id");
        if (!o.path.startsWith("/v1/")) continue;
        for (const h of ["Aurous-Version", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]) expect(headers, where).toContain(h);
        expect(headers.includes("Retry-After"), where).toBe(status === "429");
      }
    }
  });

  it("never asks for the API key on the signed upload PUT", () => {
    const put = operations(spec).find((o) => o.operation.operationId === "uploadCharacterImage")!;
    expect(put.operation.security).toEqual([{ SignedUploadUrl: [] }]);
    expect(put.pathItem.servers?.[0]?.url).toMatch(/^https:\/\//);
  });
});
