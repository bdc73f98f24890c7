import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// The tests a mutant of src/runtime or src/stores can fail. Left out: the ones that run the generator
// or dist/ in child processes (generated, fixture-operation, scaffold, package) and the chaos run
// (test:chaos); the bench smoke test, which reaches every request path and takes 20 s (judged by
// its throughput, not by what it asserts); type tests too, since tsc does not run mutated code.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        "test/generated.test.ts",
        "test/fixture-operation.test.ts",
        "test/scaffold.test.ts",
        "test/package.test.ts",
        "test/chaos.test.ts",
        "test/bench.test.ts",
      ],
      typecheck: { enabled: false },
    },
  }),
);
