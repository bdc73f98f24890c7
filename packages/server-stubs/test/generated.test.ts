// The committed src/generated/ must be exactly what the generator produces from the current
// bundle, and the metadata must describe the contract's operations.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecModel } from "../../../scripts/codegen/spec-model.mjs";
import { apiVersions, limits, operations } from "../src/index.js";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const committed = join(pkg, "src", "generated");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe("generated code", () => {
  const fresh = mkdtempSync(join(tmpdir(), "server-stubs-gen-"));
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it("has not drifted from the bundle (regenerated into a temp dir)", () => {
    execFileSync(process.execPath, [join(pkg, "scripts", "generate.mjs"), "--out", fresh], { stdio: "pipe" });
    const expected = files(fresh)
      .map((f) => relative(fresh, f))
      .sort();
    const actual = files(committed)
      .map((f) => relative(committed, f))
      .sort();
    expect(actual).toEqual(expected);
    for (const rel of expected) {
      expect(readFileSync(join(committed, rel), "utf8"), `${rel} differs; run pnpm generate`).toBe(
        readFileSync(join(fresh, rel), "utf8"),
      );
    }
  }, 60_000);

  it("describes every operation of the spec model with its routes and extensions", () => {
    const bundlePath = join(pkg, "node_modules", "@aurous", "openapi", "dist", "openapi.json");
    const bundle = JSON.parse(readFileSync(bundlePath, "utf8"));
    // The list comes from the model, so a new operation needs no edit here.
    expect(Object.keys(operations).sort()).toEqual(
      loadSpecModel(bundlePath)
        .operations.map((o) => o.operationId)
        .sort(),
    );
    expect(operations.getCharacter).toMatchObject({
      method: "get",
      httpMethod: "GET",
      path: "/v1/characters/{id}",
      routePath: "/v1/characters/:id",
      scope: "read",
      credential: "api-key",
      versioned: true,
    });
    expect(operations.uploadCharacterImage).toMatchObject({
      httpMethod: "PUT",
      credential: "signed-url",
      versioned: false,
      scope: null,
      rateLimit: null,
    });
    expect(operations.uploadCharacterImage.requestBody).toMatchObject({
      binary: true,
      contentTypes: ["image/jpeg", "image/png", "image/webp"],
    });
    expect(operations.createCharacter.rateLimit?.variants?.[0]).toMatchObject({
      bucket: "characters_synthesize",
      burst: 12,
    });
    expect(operations.regenerateCharacterRef.responses["429"]).toMatchObject({
      kind: "error",
      errorType: "rate_limit",
      codes: ["rate_limit_exceeded"],
    });
    expect(operations.saveCharacter.validationErrorCode).toBe("invalid_request_error");
    expect(limits.json_body_bytes).toBe(bundle["x-aurous-limits"].json_body_bytes);
    expect(apiVersions).toEqual(bundle["x-aurous-versions"].map((v: { version: string }) => v.version));
    expect(apiVersions[0]).toBe(bundle.info.version);
  });

  it("every runtime-emitted error code is documented by every API operation that can emit it", () => {
    for (const meta of Object.values(operations).filter((m) => m.credential === "api-key")) {
      const codes = (status: string) => {
        const r = meta.responses[status];
        return r?.kind === "error" ? r.codes : [];
      };
      expect(codes("400"), meta.operationId).toContain("unknown_version");
      expect(codes("401")).toEqual(expect.arrayContaining(["missing_api_key", "invalid_api_key", "revoked_api_key"]));
      // Scopes are cumulative (every key can read): only operations above `read` can answer 403.
      if (meta.scope !== "read") expect(codes("403"), meta.operationId).toContain("missing_scope");
      // The runtime answers a 429 with the code of the bucket drawn from: every bucket's code, and
      // only those, are documented (none for an operation that draws from no bucket).
      const rule = meta.rateLimit;
      const bucketCodes = new Set(rule ? [rule, ...(rule.variants ?? [])].map((r) => r.error_code) : []);
      expect([...codes("429")].sort(), meta.operationId).toEqual([...bucketCodes].sort());
      expect(codes("500")).toContain("internal_error");
      // Any write can be sent a body, and one over the limit is refused before it is read (refusals.ts).
      if (meta.method !== "get") expect(codes("413"), meta.operationId).toContain("request_too_large");
      if (meta.idempotency.honours_key) expect(codes("409")).toContain("idempotency_key_in_use");
    }
  });
});
