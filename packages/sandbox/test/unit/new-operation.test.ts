// An operation added to the spec must not compile in the sandbox until it has a handler. The stubs'
// code is regenerated from a copy of the bundle with a fixture operation (listCharacterRefs, from
// scripts/codegen/fixture-operation.mjs); the sandbox's real handlers.ts is then type-checked, with
// @aurous/server-stubs read from the stubs' sources and their generated/ dir swapped for the new one.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FIXTURE_OPERATION,
  type FixtureSpec,
  writeFixtureSpec,
} from "../../../../scripts/codegen/fixture-operation.mjs";

const sandbox = fileURLToPath(new URL("../..", import.meta.url));
const stubs = resolve(sandbox, "..", "server-stubs");
const stubsGenerated = join(stubs, "src", "generated");

let spec: FixtureSpec;
let generated: string;

beforeAll(() => {
  spec = writeFixtureSpec(createRequire(import.meta.url).resolve("@aurous/openapi/openapi.json"));
  generated = mkdtempSync(join(tmpdir(), "sandbox-fixture-gen-"));
  execFileSync(process.execPath, [join(stubs, "scripts", "generate.mjs"), "--out", generated, "--spec", spec.path], {
    stdio: "pipe",
  });
}, 60_000);

afterAll(() => {
  spec?.cleanup();
  if (generated) rmSync(generated, { recursive: true, force: true });
});

/** Type-checks `root` with the stubs' generated code replaced by the regenerated one. */
function diagnostics(root: string): ts.Diagnostic[] {
  const swap = (file: string) =>
    file.startsWith(stubsGenerated) ? join(generated, file.slice(stubsGenerated.length)) : file;
  const config = ts.getParsedCommandLineOfConfigFile(
    join(sandbox, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    // The stubs' sources join the program: the root must hold both packages.
    rootDir: resolve(sandbox, "..", ".."),
    paths: { "@aurous/server-stubs": [join(stubs, "src", "index.ts")] },
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, ...rest) => getSourceFile.call(host, swap(file), ...rest);
  host.fileExists = (file) => fileExists.call(host, swap(file));
  host.readFile = (file) => readFile.call(host, swap(file));
  return [...ts.getPreEmitDiagnostics(ts.createProgram([root], options, host))];
}

describe(`an operation added to the spec (${FIXTURE_OPERATION.operationId})`, () => {
  it("is in the regenerated stubs", () => {
    expect(existsSync(join(generated, "operations.gen.ts"))).toBe(true);
    expect(readFileSync(join(generated, "operations.gen.ts"), "utf8")).toContain(`"${FIXTURE_OPERATION.operationId}"`);
  });

  it("fails to compile the sandbox's implementation, naming the operation, until it has a handler", () => {
    const found = diagnostics(join(sandbox, "src", "http", "handlers.ts"));
    const messages = found.map(
      (d) =>
        `${d.file ? d.file.fileName.slice(sandbox.length) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
    // Only the missing handler, nothing else: the program itself resolves.
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^src\/http\/handlers\.ts: /);
    expect(messages[0]).toContain(`Property '${FIXTURE_OPERATION.operationId}' is missing`);
  }, 60_000);
});
