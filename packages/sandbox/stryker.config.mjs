// Mutation testing of the sandbox's services: characters, generations, uploads, synthesis and the team ledger
// (not the HTTP wiring, config loading or CLI); see scripts/mutation/.
import { strykerConfig } from "../../scripts/mutation/stryker-base.mjs";

export default strykerConfig({
  mutate: [
    "src/characters/**/*.ts",
    "src/generations/**/*.ts",
    "src/uploads/**/*.ts",
    "src/synthesis/**/*.ts",
    "src/teams/**/*.ts",
  ],
  vitestConfig: "vitest.mutation.config.ts",
});
