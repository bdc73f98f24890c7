// `aurous-server-stubs scaffold <dir>` writes a starter that type-checks against this package and,
// run as is, answers every API operation with a documented 500 internal_error and refuses every upload.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  type AuthContext,
  createAurousServer,
  type Implementation,
  operations,
  type UploadCheck,
  type VerifyUrlToken,
} from "../src/index.js";
import { writeScaffold } from "../src/scaffold/write.js";
import { AUTH, CHAR_ID, KEYS, UPLOAD_ID } from "./helpers.js";

const pkg = fileURLToPath(new URL("..", import.meta.url));
// Inside the package, so `@aurous/server-stubs` and fastify resolve as they would for a user.
mkdirSync(join(pkg, ".tmp"), { recursive: true });
const dir = mkdtempSync(join(pkg, ".tmp", "scaffold-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("scaffold", () => {
  it("writes implementation.ts and server.ts, refusing to overwrite without --force", () => {
    const written = writeScaffold(dir);
    expect(written.map((f) => f.slice(dir.length + 1)).sort()).toEqual(["implementation.ts", "server.ts"]);
    const source = readFileSync(join(dir, "implementation.ts"), "utf8");
    for (const id of Object.keys(operations))
      expect(source).toContain(`export const ${id}: Implementation<Team>["${id}"]`);
    expect(() => writeScaffold(dir)).toThrow(/--force/);
    expect(writeScaffold(dir, { force: true })).toHaveLength(2);
  });

  it("type-checks against the package (tsc --noEmit, strict)", () => {
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../../tsconfig.base.json",
        compilerOptions: { noEmit: true, types: ["node"], paths: { "@aurous/server-stubs": ["../../src/index.ts"] } },
        include: ["*.ts"],
      }),
    );
    const tsc = join(pkg, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: Buffer }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 60_000);

  it("serves every API operation with a documented 500 until implemented, and refuses every upload", async () => {
    const mod = (await import(/* @vite-ignore */ join(dir, "implementation.ts"))) as {
      implementation: Implementation;
      checkUpload: UploadCheck;
      verifyUrlToken: VerifyUrlToken<AuthContext>;
    };
    const app = createAurousServer({
      implementation: mod.implementation,
      checkUpload: mod.checkUpload,
      verifyUrlToken: mod.verifyUrlToken,
      authenticate: (k) => KEYS[k] ?? null,
      validateResponses: true,
    });
    try {
      for (const meta of Object.values(operations)) {
        const url = meta.path.replace("{id}", CHAR_ID).replace("{upload_id}", UPLOAD_ID).replace("{n}", "0");
        const res = await app.inject({
          method: meta.httpMethod,
          url: meta.credential === "signed-url" ? `${url}?expires=1&signature=${"a".repeat(64)}` : url,
          headers: meta.credential === "signed-url" ? { "content-type": "image/png" } : AUTH,
          ...(meta.method === "get" ? {} : meta.credential === "signed-url" ? { payload: Buffer.from([1]) } : {}),
        });
        // Bodies are absent, so body-taking ops answer their validation 400; the rest reach the stub.
        if (meta.requestBody?.required && meta.credential === "api-key")
          expect(res.statusCode, meta.operationId).toBe(400);
        else if (meta.credential === "signed-url") {
          expect(res.statusCode, meta.operationId).toBe(401);
          expect(res.json().error).toMatchObject({
            code: "signature_invalid",
            message: "Upload URLs are not verified yet.",
          });
        } else {
          expect(res.statusCode, meta.operationId).toBe(500);
          expect(res.json().error).toMatchObject({
            code: "internal_error",
            message: `${meta.operationId} is not implemented yet.`,
          });
        }
      }
      // The starter verifyUrlToken refuses every URL token until it is written.
      for (const meta of Object.values(operations).filter((m) => m.urlToken)) {
        const url = meta.path.replace("{id}", CHAR_ID).replace("{n}", "0");
        const res = await app.inject({ method: meta.httpMethod, url: `${url}?${meta.urlToken!.paramName}=abc` });
        expect(res.statusCode, meta.operationId).toBe(401);
        expect(res.json().error).toMatchObject({ code: "signature_invalid", param: meta.urlToken!.paramName });
      }
    } finally {
      await app.close();
    }
  });
});
