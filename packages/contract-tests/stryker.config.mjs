// Mutation testing of the judging code: the conformance checks, the matrix of documented responses
// and the report (verdict, markdown, JUnit); see scripts/mutation/.
import { strykerConfig } from "../../scripts/mutation/stryker-base.mjs";

export default strykerConfig({
  mutate: ["src/conformance/**/*.ts", "src/spec/matrix.ts", "src/report/**/*.ts"],
  vitestConfig: "vitest.mutation.config.ts",
});
