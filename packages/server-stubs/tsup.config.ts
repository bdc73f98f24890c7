import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", zod: "src/zod.ts" },
    format: ["esm", "cjs"],
    // tsup's dts step sets baseUrl, which TypeScript 6 flags as deprecated.
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    target: "node20",
    clean: true,
    sourcemap: true,
    // canonicalize is ESM-only (and tiny): bundle it so the CommonJS build works on Node 20.
    noExternal: ["canonicalize"],
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    target: "node20",
    sourcemap: true,
  },
]);
