import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Every suite starts servers and Prism processes: run files one after another so the 2 shared
    // cores are not oversubscribed.
    fileParallelism: false,
  },
});
