// An operation added to the spec reaches the client with no hand-written change: the client is
// regenerated from a copy of the bundle with the fixture operation (listCharacterRefs, from
// scripts/codegen/fixture-operation.mjs), and a program calling `characters.listRefs` type-checks
// against the client's real sources with their generated/ dir swapped for the new one.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_OPERATION, type FixtureSpec, writeFixtureSpec } from "../../../scripts/codegen/fixture-operation.mjs";

const client = fileURLToPath(new URL("..", import.meta.url));
const committed = join(client, "src", "generated");
const bundle = join(client, "..", "..", "openapi", "dist", "openapi.json");

let spec: FixtureSpec;
let generated: string;
let work: string;

beforeAll(() => {
  spec = writeFixtureSpec(bundle);
  generated = mkdtempSync(join(tmpdir(), "client-fixture-gen-"));
  // Inside the package (its node_modules resolve), under the git-ignored .tmp/.
  mkdirSync(join(client, ".tmp"), { recursive: true });
  work = mkdtempSync(join(client, ".tmp", "fixture-"));
  execFileSync(process.execPath, [join(client, "scripts", "generate.mjs"), generated, "--spec", spec.path], {
    stdio: "pipe",
  });
}, 120_000);

afterAll(() => {
  spec?.cleanup();
  for (const dir of [generated, work]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Type-checks `code` against the client, regenerated from the fixture spec unless `committed` is asked for. */
function typeErrors(code: string, against: "regenerated" | "committed" = "regenerated"): string[] {
  const file = join(work, "app.ts");
  writeFileSync(file, code);
  const swap = (path: string) =>
    against === "regenerated" && path.startsWith(committed) ? join(generated, path.slice(committed.length)) : path;
  const config = ts.getParsedCommandLineOfConfigFile(
    join(client, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const options: ts.CompilerOptions = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (path, ...rest) => getSourceFile.call(host, swap(path), ...rest);
  host.fileExists = (path) => fileExists.call(host, swap(path));
  host.readFile = (path) => readFile.call(host, swap(path));
  return ts
    .getPreEmitDiagnostics(ts.createProgram([file], options, host))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("a new operation in the spec", () => {
  it("is generated as a standalone function named by its operationId", () => {
    const operations = readFileSync(join(generated, "operations.gen.ts"), "utf8");
    expect(operations).toContain(`export function ${FIXTURE_OPERATION.operationId}(`);
    expect(readFileSync(join(committed, "operations.gen.ts"), "utf8")).not.toContain(FIXTURE_OPERATION.operationId);
  });

  it("is a typed method of its resource: the right arguments compile, the result is the documented page", () => {
    const { resource, method } = FIXTURE_OPERATION.sdk;
    const errors = typeErrors(`
      import { Aurous, ${FIXTURE_OPERATION.operationId} } from "../../src/index.js";
      const aurous = new Aurous({ apiKey: "al_live_x" });
      export async function ok() {
        const { data, requestId } = await aurous.${resource}.${method}("char_01HXMQ7Z3K8Y2NABCDEFGHJKMR");
        const pose: string = data.data[0]!.pose;
        const alsoOk = await ${FIXTURE_OPERATION.operationId}(aurous.core, "char_x", { maxRetries: 0 });
        return [pose, requestId, alsoOk.data.data.length];
      }
      export async function wrong() {
        // @ts-expect-error the character id is required
        await aurous.${resource}.${method}();
        // @ts-expect-error the page has no field "nope"
        (await aurous.${resource}.${method}("char_x")).data.nope;
      }
    `);
    expect(errors).toEqual([]);
  }, 60_000);

  it("is missing from the committed client, so the check above is not vacuous", () => {
    const { resource, method } = FIXTURE_OPERATION.sdk;
    const code = `
      import { Aurous } from "../../src/index.js";
      export const call = () => new Aurous({ apiKey: "al_live_x" }).${resource}.${method}("char_x");
    `;
    expect(typeErrors(code, "committed").join("\n")).toContain(`Property '${method}' does not exist`);
    expect(typeErrors(code)).toEqual([]);
  }, 60_000);
});
