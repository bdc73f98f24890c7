// A new operation costs the stubs no hand-written line: from a copy of the bundle with a fixture
// operation added (scripts/codegen/fixture-operation.mjs), the generator types it and describes it,
// and the unchanged runtime, loaded over that generated metadata, serves it once it has a handler.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FIXTURE_OPERATION, writeFixtureSpec, type FixtureSpec } from "../../../scripts/codegen/fixture-operation.mjs";
import type * as Index from "../src/index.js";
import type { OperationMeta } from "../src/index.js";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const { operationId } = FIXTURE_OPERATION;
const CHAR_ID = "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR";
const AUTH = { "x-api-key": "key_read" };

let spec: FixtureSpec;
let out: string;
let generated: { operations: Record<string, OperationMeta> };

beforeAll(async () => {
  spec = writeFixtureSpec(createRequire(import.meta.url).resolve("@aurous/openapi/openapi.json"));
  out = mkdtempSync(join(tmpdir(), "server-stubs-fixture-gen-"));
  execFileSync(process.execPath, [join(pkg, "scripts", "generate.mjs"), "--out", out, "--spec", spec.path], { stdio: "pipe" });
  generated = await import(join(out, "operations.gen.ts"));
}, 60_000);

afterAll(() => {
  spec?.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe(`a fixture operation (${operationId}) added to a copy of the spec`, () => {
  it("is described by the generated metadata and typed in the generated type map", () => {
    expect(generated.operations[operationId]).toMatchObject({
      operationId,
      httpMethod: "GET",
      path: FIXTURE_OPERATION.path,
      routePath: "/v1/characters/:id/refs",
      credential: "api-key",
      versioned: true,
      scope: "read",
      requestBody: null,
    });
    expect(generated.operations[operationId]!.responses["404"]).toMatchObject({ kind: "error", errorType: "not_found", codes: ["resource_not_found"] });
    expect(generated.operations[operationId]!.responses["401"]?.codes).toContain("missing_api_key");
    const source = readFileSync(join(out, "operations.gen.ts"), "utf8");
    expect(source).toMatch(new RegExp(`export type OperationId = [^;]*"${operationId}"`));
    expect(source).toMatch(new RegExp(`export type ApiOperationId = [^;]*"${operationId}"`));
    expect(source).toContain(`  ${operationId}: {\n    params: T.ListCharacterRefsData["path"];`);
    expect(readFileSync(join(out, "openapi-ts", "types.gen.ts"), "utf8")).toContain("export type ListCharacterRefsResponses");
  });

  describe("the runtime, loaded over the regenerated metadata", () => {
    let stubs: typeof Index;
    beforeAll(async () => {
      vi.resetModules();
      vi.doMock("../src/generated/operations.gen.js", () => import(join(out, "operations.gen.ts")));
      stubs = await import("../src/index.js");
    });
    afterAll(() => {
      vi.doUnmock("../src/generated/operations.gen.js");
      vi.resetModules();
    });

    const implementation = async () => {
      const { implementation: base } = await import("./helpers.js");
      return base() as Record<string, unknown>;
    };
    const server = (impl: Record<string, unknown>) =>
      stubs.createAurousServer({
        implementation: impl as never,
        authenticate: (key) => (key === "key_read" ? { teamId: "team_a", scope: "read" } : null),
      });

    it("refuses to start without its handler, naming it", async () => {
      const impl = await implementation();
      expect(() => server(impl)).toThrow(new RegExp(`lacks handlers for ${operationId}`));
    });

    it("serves it with its handler: auth, validation, documented errors and response checks included", async () => {
      const app = server({
        ...(await implementation()),
        [operationId]: (req: { params: { id: string }; fail: (...args: unknown[]) => unknown }) =>
          req.params.id === CHAR_ID
            ? { status: 200, body: { object: "list", data: [{ pose: "front", url: "https://example.test/ref.png" }] } }
            : req.fail(404, "resource_not_found", "No character with this id.", "id"),
      });
      try {
        const ok = await app.inject({ method: "GET", url: `/v1/characters/${CHAR_ID}/refs`, headers: AUTH });
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toEqual({ object: "list", data: [{ pose: "front", url: "https://example.test/ref.png" }] });
        expect(ok.headers["aurous-version"]).toBeDefined();
        expect(ok.headers["x-ratelimit-limit"]).toBeDefined();

        const missing = await app.inject({ method: "GET", url: "/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMS/refs", headers: AUTH });
        expect(missing.statusCode).toBe(404);
        expect(missing.json().error).toMatchObject({ type: "not_found", code: "resource_not_found", param: "id" });

        const anonymous = await app.inject({ method: "GET", url: `/v1/characters/${CHAR_ID}/refs` });
        expect(anonymous.statusCode).toBe(401);
        expect(anonymous.json().error).toMatchObject({ type: "authentication", code: "missing_api_key" });
      } finally {
        await app.close();
      }
    });
  });
});
