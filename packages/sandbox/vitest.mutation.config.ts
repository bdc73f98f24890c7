import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// Everything that runs the services in-process; the CLI process test and the banner and
// new-operation tests (child processes) cannot see a mutant of src/.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["test/e2e/process.test.ts", "test/unit/banner.test.ts", "test/unit/new-operation.test.ts"],
    },
  }),
);
