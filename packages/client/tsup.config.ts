import { defineConfig } from "tsup";

export default defineConfig({
  // validators is its own entry so the zod schemas land in their own chunk: an app that never uses
  // them (or the Aurous class) drops that chunk entirely, thanks to "sideEffects": false.
  entry: { index: "src/index.ts", node: "src/node.ts", validators: "src/generated/validators.ts" },
  format: ["esm", "cjs"],
  // tsup's dts step sets the baseUrl option, deprecated in TypeScript 6.
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  clean: true,
  sourcemap: true,
  target: "es2022",
  // Node is only the build target's resolution default; the core imports nothing from Node (the
  // package test bundles dist/index.js for the browser to prove it).
  platform: "node",
  splitting: true,
  treeshake: true,
});
