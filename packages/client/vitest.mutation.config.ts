import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// The tests a mutant of src/ can fail. Left out: the ones that run dist/ or child processes (package,
// readme, docs-samples, bench, drift) or only the generators in scripts/ (generate-operations):
// Stryker mutates src/ in-process, so they could only time out, never notice a mutant.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        "test/package.test.ts",
        "test/readme.test.ts",
        "test/docs-samples.test.ts",
        "test/bench.test.ts",
        "test/drift.test.ts",
        "test/generate-operations.test.ts",
      ],
    },
  }),
);
