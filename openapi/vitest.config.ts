import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The breaking-check CLI tests spawn node; give them room on a loaded CI machine.
    testTimeout: 30_000,
  },
});
