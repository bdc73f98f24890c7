// Cross-cutting conventions that code is generated from: the x- extensions, headers and parameters
// every operation must carry.
import { describe, expect, it } from "vitest";
import { deref, documentedCodes, loadBundle, operations } from "./bundle.js";

const spec = loadBundle();
const api = operations(spec).filter((o) => o.path.startsWith("/v1/"));
const paramNames = (o: (typeof api)[number]) => o.model.parameters.map((p) => p.name);

describe("operation conventions", () => {
  it.each(api.map((o) => [o.operation.operationId, o] as const))(
    "%s carries its machine-readable extensions",
    (_id, o) => {
      const op = o.operation;
      expect(["read", "write"]).toContain(op["x-aurous-scope"]);
      // An operation with no bucket (the output proxy: the pages name none) documents no 429.
      const limit = op["x-aurous-rate-limit"];
      if (!limit) expect(op.responses["429"]).toBeUndefined();
      for (const l of limit ? [limit, ...(limit.variants ?? [])] : []) {
        expect(l.bucket).toMatch(/^(characters_(post|get|synthesize)|reads|images_post|estimate_post)$/);
        expect(l.sustained_per_minute).toBeGreaterThan(0);
        expect(l.burst).toBeGreaterThanOrEqual(l.sustained_per_minute);
      }
      expect(op["x-aurous-credit-cost"].credits).toBeGreaterThanOrEqual(0);
      expect(typeof op["x-aurous-idempotency"].honours_key).toBe("boolean");
    },
  );

  it("gives each rate-limit bucket the same numbers everywhere", () => {
    const seen = new Map<string, string>();
    for (const { operation } of api) {
      const limit = operation["x-aurous-rate-limit"];
      for (const l of limit ? [limit, ...(limit.variants ?? [])] : []) {
        const numbers = `${l.sustained_per_minute}/${l.burst}`;
        expect(seen.get(l.bucket) ?? numbers, l.bucket).toBe(numbers);
        seen.set(l.bucket, numbers);
      }
    }
    expect(Object.fromEntries(seen)).toEqual({
      characters_post: "30/60",
      characters_get: "120/240",
      characters_synthesize: "6/12",
      reads: "600/1200",
      images_post: "60/120",
      estimate_post: "120/240",
    });
  });

  // A client switching on the 429 code must meet one code per bucket, whichever operation drew from
  // it; the synthesize bucket follows the regenerate seed page (rate_limit_exceeded).
  it("gives each bucket one 429 code, and documents exactly the codes of an operation's buckets", () => {
    const codeOfBucket = new Map<string, string>();
    for (const { operation } of api) {
      const limit = operation["x-aurous-rate-limit"];
      if (!limit) continue;
      const rules = [limit, ...(limit.variants ?? [])];
      for (const l of rules) {
        expect(codeOfBucket.get(l.bucket) ?? l.error_code, l.bucket).toBe(l.error_code);
        codeOfBucket.set(l.bucket, l.error_code);
      }
      const documented = documentedCodes(
        spec,
        deref(spec, operation.responses["429"]).content["application/json"].schema,
      );
      expect([...documented].sort(), operation.operationId).toEqual(
        [...new Set(rules.map((l) => l.error_code))].sort(),
      );
    }
    expect(Object.fromEntries(codeOfBucket)).toEqual({
      characters_post: "too_many_requests",
      characters_get: "too_many_requests",
      characters_synthesize: "rate_limit_exceeded",
      reads: "too_many_requests",
      images_post: "too_many_requests",
      estimate_post: "too_many_requests",
    });
  });

  // The runtime answers a failed oneOf with the schema's x-aurous-combination-error: its code must be
  // one the operation documents for 400, and its param a field of that body.
  it("names a documented code and a real field in every x-aurous-combination-error", () => {
    let seen = 0;
    for (const { operation } of api) {
      const body =
        operation.requestBody && deref(spec, deref(spec, operation.requestBody).content["application/json"]?.schema);
      if (!body) continue;
      // A oneOf of flows, or allOf members that forbid a combination (`not`), each with its answer.
      const rules = [...(body.oneOf ? [body] : []), ...(body.allOf ?? []).filter((m: any) => m.not)];
      for (const rule of rules) {
        const answer = rule["x-aurous-combination-error"];
        expect(answer, operation.operationId).toBeDefined();
        const codes = documentedCodes(spec, deref(spec, operation.responses["400"]).content["application/json"].schema);
        expect(codes, operation.operationId).toContain(answer.code);
        expect(Object.keys(body.properties), operation.operationId).toContain(answer.param);
        seen += 1;
      }
    }
    // createCharacter's flows, initCharacterUpload's format pairs, and the two rules of the image body on
    // createImage and estimateImage.
    expect(seen).toBe(6);
  });

  // The lifecycle (init → classify/create → get/save/regenerate/…) as OpenAPI links, for stateful
  // testers and the docs: each must name a real operation, its real parameters, and fields the
  // response really has.
  it("links name real operations, parameters and response fields", () => {
    const byId = new Map(operations(spec).map((o) => [o.operation.operationId, o]));
    const expressions: string[] = [];
    let links = 0;
    for (const { operation } of api) {
      for (const [status, ref] of Object.entries<any>(operation.responses)) {
        const response = deref(spec, ref);
        for (const [name, link] of Object.entries<any>(response.links ?? {})) {
          links += 1;
          const target = byId.get(link.operationId);
          expect(target, `${operation.operationId} ${status} ${name}`).toBeDefined();
          const params = target!.model.parameters.map((p) => p.name);
          for (const param of Object.keys(link.parameters ?? {}))
            expect(params, `${name} → ${link.operationId}`).toContain(param);
          if (link.requestBody !== undefined) expect(target!.operation.requestBody, name).toBeDefined();
          const walk = (v: unknown): void => {
            if (typeof v === "string" && v.startsWith("$response.body#/"))
              expressions.push(`${operation.operationId} ${status} ${v}`);
            else if (v && typeof v === "object") Object.values(v).forEach(walk);
          };
          walk(link.parameters);
          walk(link.requestBody);
        }
      }
    }
    expect(links).toBeGreaterThanOrEqual(8);
    for (const e of expressions) {
      const [opId, status, expr] = e.split(" ") as [string, string, string];
      const schema = deref(
        spec,
        deref(spec, byId.get(opId)!.operation.responses[status]).content["application/json"].schema,
      );
      const field = expr.slice("$response.body#/".length);
      expect(Object.keys(schema.properties), e).toContain(field);
      expect(schema.required, e).toContain(field);
    }
  });

  it.each(api.map((o) => [o.operation.operationId, o] as const))(
    "%s accepts Aurous-Version, and Idempotency-Key exactly when it honours it",
    (_id, o) => {
      const names = paramNames(o);
      expect(names).toContain("Aurous-Version");
      const honours = o.operation["x-aurous-idempotency"].honours_key;
      expect(names.includes("Idempotency-Key")).toBe(honours);
      const success = Object.entries<any>(o.operation.responses).filter(([s]) => s.startsWith("2"));
      for (const [, r] of success) expect(Boolean(deref(spec, r).headers["Aurous-Idempotent-Replayed"])).toBe(honours);
      expect(Boolean(o.operation.responses["409"])).toBe(honours);
    },
  );

  it("puts Aurous-Request-Id on every response, Aurous-Version and X-RateLimit-* on every API response, Retry-After on 429 (and, optional, on 409)", () => {
    for (const o of operations(spec)) {
      for (const [status, ref] of Object.entries<any>(o.operation.responses)) {
        const headers = Object.keys(deref(spec, ref).headers ?? {});
        const where = `${o.operation.operationId} ${status}`;
        expect(headers, where).toContain("Aurous-Request-Id");
        if (!o.path.startsWith("/v1/")) continue;
        expect(headers, where).toContain("Aurous-Version");
        // Rate-limit headers come with every answer that drew from a bucket, and only then.
        const drawn = Boolean(o.operation["x-aurous-rate-limit"]);
        for (const h of ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"])
          expect(headers.includes(h), `${where} ${h}`).toBe(drawn);
        // A 409 sends it only while the key's first request runs: the one conflict worth retrying.
        expect(headers.includes("Retry-After"), where).toBe(status === "429" || status === "409");
        if (status === "409") expect(deref(spec, ref).headers["Retry-After"].required, where).toBe(false);
      }
    }
  });

  it("never asks for the API key on the signed upload PUT", () => {
    const put = operations(spec).find((o) => o.operation.operationId === "uploadCharacterImage")!;
    expect(put.operation.security).toEqual([{ SignedUploadUrl: [] }]);
    expect(put.pathItem.servers?.[0]?.url).toMatch(/^https:\/\//);
  });
});
