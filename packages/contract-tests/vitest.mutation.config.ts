import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// The in-process tests of the judging code. The suites that start Prism, servers or the CLI
// (contract, client-prism, cli, cli-demo, dead-target, fuzz, …) take minutes per run, which a run
// per mutant cannot afford; the judging code they share is tested directly here. (Not mergeConfig:
// it would append to the base's include instead of replacing it.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      "test/check.test.ts",
      "test/check-findings.test.ts",
      "test/matrix.test.ts",
      "test/report.test.ts",
      "test/report-output.test.ts",
      "test/budget.test.ts",
      "test/new-operation.test.ts",
    ],
  },
});
