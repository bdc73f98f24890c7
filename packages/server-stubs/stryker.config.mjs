// Mutation testing of the stubs' hand-written runtime and stores (not src/generated/, not the
// scaffold templates or the contract tables); see scripts/mutation/.
import { strykerConfig } from "../../scripts/mutation/stryker-base.mjs";

export default strykerConfig({
  mutate: ["src/runtime/**/*.ts", "src/stores/**/*.ts"],
  vitestConfig: "vitest.mutation.config.ts",
});
