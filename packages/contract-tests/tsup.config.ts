import { copyFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig } from "tsup";

// The CLI must work from npm without the monorepo, so the spec bundle ships inside dist/.
const require = createRequire(import.meta.url);

export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  // tsup's dts step sets baseUrl, which TypeScript 6 flags as deprecated.
  dts: { entry: { index: "src/index.ts" }, compilerOptions: { ignoreDeprecations: "6.0" } },
  sourcemap: true,
  clean: true,
  splitting: true,
  async onSuccess() {
    copyFileSync(require.resolve("@aurous/openapi/openapi.json"), "dist/openapi.json");
  },
});
