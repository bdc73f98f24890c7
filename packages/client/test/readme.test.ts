// Every TypeScript block of the README must compile against the built package, as a user would
// import it ('@aurous/client' resolves through the package's own exports map).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const work = join(packageDir, ".tmp/readme");
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("README", () => {
  it("has TypeScript examples that type-check", () => {
    const blocks = [...readFileSync(join(packageDir, "README.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map(
      (m) => m[1]!,
    );
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    mkdirSync(work, { recursive: true });
    for (const [i, code] of blocks.entries()) writeFileSync(join(work, `example-${i}.ts`), `${code}\nexport {};\n`);
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../../tsconfig.base.json",
        compilerOptions: { noEmit: true, types: ["node"], noUnusedLocals: false },
        include: ["*.ts"],
      }),
    );
    const tsc = join(packageDir, "node_modules/.bin/tsc");
    const run = spawnSync(tsc, ["-p", join(work, "tsconfig.json")], { cwd: packageDir, encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
