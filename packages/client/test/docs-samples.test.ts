// The docs' TypeScript code samples (x-codeSamples, added to the docs bundle by the openapi
// plugin's docs-code-samples decorator) are real code: each is written out as a module inside this
// package, so `@aurous/client` resolves to the built package as an npm user gets it, and `tsc
// --noEmit` (strict) must accept every one. A renamed method or a changed body type fails here.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { model } from "./support/contract.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const docsBundle = fileURLToPath(new URL("../../../openapi/dist/docs/openapi.docs.json", import.meta.url));
const tsc = join(root, "node_modules", ".bin", "tsc");
const dir = mkdtempSync(join(root, ".docs-samples-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Sample {
  lang: string;
  label: string;
  source: string;
}

function tsSamples(): Array<[string, string]> {
  const doc = JSON.parse(readFileSync(docsBundle, "utf8"));
  const out: Array<[string, string]> = [];
  for (const item of Object.values<Record<string, any>>(doc.paths)) {
    for (const op of Object.values<any>(item)) {
      if (!op?.operationId) continue;
      const sample = (op["x-codeSamples"] as Sample[] | undefined)?.find((s) => s.lang === "TypeScript");
      out.push([op.operationId, sample?.source ?? ""]);
    }
  }
  return out;
}

describe("the docs code samples", () => {
  it("type-check against the built client (tsc --noEmit, strict)", async () => {
    const samples = tsSamples();
    // One per operation of the spec: a new operation gets its sample with no change here.
    expect(samples.map(([id]) => id).sort()).toEqual(model.operations.map((o) => o.operationId).sort());
    for (const [operationId, source] of samples) {
      expect(source, `${operationId} has no TypeScript sample`).toContain("from '@aurous/client'");
      writeFileSync(join(dir, `${operationId}.mts`), source);
    }
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "es2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          types: ["node"],
          skipLibCheck: false,
          noUncheckedIndexedAccess: true,
        },
        include: ["*.mts"],
      }),
    );
    const result = await promisify(execFile)(tsc, ["-p", dir], { cwd: dir }).then(
      () => "",
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(result).toBe("");
  }, 120_000);
});
