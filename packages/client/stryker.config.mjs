// Mutation testing of the hand-written client (src/ outside src/generated/); see scripts/mutation/.
import { strykerConfig } from "../../scripts/mutation/stryker-base.mjs";

export default strykerConfig({
  mutate: ["src/**/*.ts", "!src/generated/**", "!src/index.ts"],
  vitestConfig: "vitest.mutation.config.ts",
});
