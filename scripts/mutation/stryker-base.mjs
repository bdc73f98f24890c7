// Shared StrykerJS settings of the packages' stryker.config.mjs (`pnpm test:mutation` at the root).
// Each package lists what it mutates (hand-written logic only, never src/generated/**) and which
// vitest config its mutants are tested with.

/** @param {{ mutate: string[], vitestConfig?: string, thresholds?: { high: number, low: number, break: number | null } }} pkg */
export function strykerConfig({ mutate, vitestConfig = "vitest.config.ts", thresholds }) {
  return {
    packageManager: "pnpm",
    testRunner: "vitest",
    vitest: { configFile: vitestConfig },
    // The vitest runner always measures per-test coverage: each mutant runs only the tests that reach it.
    coverageAnalysis: "perTest",
    mutate,
    // 2 matches a CI runner; on a shared machine set STRYKER_CONCURRENCY=1 (or pass `--concurrency 1`).
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
    timeoutMS: 20_000,
    timeoutFactor: 2,
    // Results of unchanged mutants and tests are reused; the file stays out of git (reports/ is ignored).
    incremental: true,
    incrementalFile: "reports/mutation/stryker-incremental.json",
    reporters: ["html", "json", "clear-text", "progress"],
    htmlReporter: { fileName: "reports/mutation/index.html" },
    jsonReporter: { fileName: "reports/mutation/mutation.json" },
    // Sandboxes at the depth of a package (<root>/.stryker-tmp/sandbox-…), so that the tests' relative
    // paths to the spec and scripts outside the package (../../../openapi/…) still resolve.
    // Stryker would rewrite tsconfig `extends` for a sandbox two levels down; at this depth the
    // original ../../tsconfig.base.json is right, so no tsconfig is named for it to rewrite.
    tempDirName: "../../.stryker-tmp",
    tsconfigFile: "no-tsconfig-to-rewrite.json",
    cleanTempDir: "always",
    thresholds: thresholds ?? { high: 90, low: 85, break: null },
    plugins: ["@stryker-mutator/vitest-runner"],
  };
}
