import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Scaffold output imports the package by name; tests run it against the sources.
  resolve: { alias: { "@aurous/server-stubs": fileURLToPath(new URL("./src/index.ts", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Type tests: `@ts-expect-error` lines must fail to compile (checked by tsc via vitest typecheck).
    typecheck: { enabled: true, include: ["test/types/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
