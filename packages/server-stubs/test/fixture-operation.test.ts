// A new operation costs the stubs no hand-written line: from a copy of the bundle with a fixture
// operation added (scripts/codegen/fixture-operation.mjs), and a second signed-URL binary upload (a
// copy of the storage PUT), the generator types and describes them, and the unchanged runtime,
// loaded over that generated metadata, serves them once they have handlers.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  FIXTURE_OPERATION,
  type FixtureSpec,
  withCopiedOperation,
  withFixtureOperation,
  writeFixtureSpec,
} from "../../../scripts/codegen/fixture-operation.mjs";
import type * as Index from "../src/index.js";
import type { OperationMeta } from "../src/index.js";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const { operationId } = FIXTURE_OPERATION;
const CHAR_ID = "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR";
const AUTH = { "x-api-key": "key_read" };
const UPLOAD_ID = "upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR";
const SIGNED = `?expires=1&signature=${"a".repeat(64)}`;
/** A second signed-URL operation with a binary body, next to the storage PUT. */
const AVATAR = {
  from: "uploadCharacterImage",
  operationId: "uploadAvatarImage",
  path: "/storage/avatars/{upload_id}",
  sdk: { resource: "uploads", method: "putAvatar" },
};

let spec: FixtureSpec;
let out: string;
let generated: { operations: Record<string, OperationMeta> };

beforeAll(async () => {
  spec = writeFixtureSpec(createRequire(import.meta.url).resolve("@aurous/openapi/openapi.json"), (doc) =>
    withCopiedOperation(withFixtureOperation(doc), AVATAR),
  );
  out = mkdtempSync(join(tmpdir(), "server-stubs-fixture-gen-"));
  execFileSync(process.execPath, [join(pkg, "scripts", "generate.mjs"), "--out", out, "--spec", spec.path], {
    stdio: "pipe",
  });
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
    expect(generated.operations[operationId]!.responses["404"]).toMatchObject({
      kind: "error",
      errorType: "not_found",
      codes: ["resource_not_found"],
    });
    expect(generated.operations[operationId]!.responses["401"]?.codes).toContain("missing_api_key");
    const source = readFileSync(join(out, "operations.gen.ts"), "utf8");
    expect(source).toMatch(new RegExp(`export type OperationId = [^;]*"${operationId}"`));
    expect(source).toMatch(new RegExp(`export type ApiOperationId = [^;]*"${operationId}"`));
    expect(source).toContain(`  ${operationId}: {\n    params: T.ListCharacterRefsData["path"];`);
    expect(readFileSync(join(out, "openapi-ts", "types.gen.ts"), "utf8")).toContain(
      "export type ListCharacterRefsResponses",
    );
  });

  it("describes a second signed-URL binary operation like the first", () => {
    expect(generated.operations[AVATAR.operationId]).toMatchObject({
      httpMethod: "PUT",
      routePath: "/storage/avatars/:upload_id",
      credential: "signed-url",
      versioned: false,
      requestBody: { binary: true, contentTypes: ["image/jpeg", "image/png", "image/webp"] },
    });
    const source = readFileSync(join(out, "operations.gen.ts"), "utf8");
    expect(source).toContain(`export type SignedUrlOperationId = "uploadCharacterImage" | "${AVATAR.operationId}";`);
    expect(source).toMatch(new RegExp(`  ${AVATAR.operationId}: \\{[^}]*body: Buffer;`));
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

        const missing = await app.inject({
          method: "GET",
          url: "/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMS/refs",
          headers: AUTH,
        });
        expect(missing.statusCode).toBe(404);
        expect(missing.json().error).toMatchObject({ type: "not_found", code: "resource_not_found", param: "id" });

        const anonymous = await app.inject({ method: "GET", url: `/v1/characters/${CHAR_ID}/refs` });
        expect(anonymous.statusCode).toBe(401);
        expect(anonymous.json().error).toMatchObject({ type: "authentication", code: "missing_api_key" });
      } finally {
        await app.close();
      }
    });

    it("serves the second signed-URL operation: no key, raw bytes, checkUpload and the documented refusals", async () => {
      const received: Array<{ op: string; id: string; bytes: number }> = [];
      const checked: string[] = [];
      const put = (op: string) => (req: { params: { upload_id: string }; body: Buffer }) => {
        received.push({ op, id: req.params.upload_id, bytes: req.body.length });
        return { status: 204 };
      };
      const app = stubs.createAurousServer({
        implementation: {
          ...(await implementation()),
          [operationId]: () => ({ status: 500 }),
          uploadCharacterImage: put("character"),
          [AVATAR.operationId]: put("avatar"),
        } as never,
        authenticate: () => null,
        checkUpload: (req) => {
          checked.push(req.operationId);
          return req.query.signature === "b".repeat(64)
            ? { status: 401, error: { code: "signature_invalid", message: "Forged." } }
            : undefined;
        },
      });
      try {
        const url = `/storage/avatars/${UPLOAD_ID}`;
        const png = await app.inject({
          method: "PUT",
          url: url + SIGNED,
          headers: { "content-type": "image/png" },
          payload: Buffer.alloc(3),
        });
        expect(png.statusCode).toBe(204);
        expect(png.headers["aurous-version"]).toBeUndefined();
        expect(received).toEqual([{ op: "avatar", id: UPLOAD_ID, bytes: 3 }]);
        expect(checked).toEqual([AVATAR.operationId]);

        const unsigned = await app.inject({
          method: "PUT",
          url,
          headers: { "content-type": "image/png" },
          payload: Buffer.alloc(3),
        });
        expect(unsigned.statusCode).toBe(401);
        expect(unsigned.json().error).toMatchObject({ type: "authentication", code: "signature_invalid" });

        const forged = await app.inject({
          method: "PUT",
          url: `${url}?expires=1&signature=${"b".repeat(64)}`,
          headers: { "content-type": "image/png" },
          payload: Buffer.alloc(3),
        });
        expect(forged.statusCode).toBe(401);

        const json = await app.inject({
          method: "PUT",
          url: url + SIGNED,
          headers: { "content-type": "application/json" },
          payload: "{}",
        });
        expect(json.statusCode).toBe(400);
        expect(json.json().error.code).toBe("content_type_mismatch");

        const text = await app.inject({
          method: "PUT",
          url: url + SIGNED,
          headers: { "content-type": "text/plain" },
          payload: "x",
        });
        expect(text.json().error.code).toBe("content_type_mismatch");
        expect(received).toHaveLength(1);
      } finally {
        await app.close();
      }
    });
  });
});
