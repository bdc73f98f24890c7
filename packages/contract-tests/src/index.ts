// Programmatic API of @aurous/contract-tests: the pieces the CLI is built from, for suites that
// want to run the contract checks from their own test runner.

export { main as runCli } from "./cli/main.js";
export { checkResponse, type Problem } from "./conformance/check.js";
export { type PrismViolation, prismViolations } from "./conformance/prism-violations.js";
export { SpecValidator } from "./conformance/validator.js";
export { compareEnums, type Drift, describeDrift, type SpecEnums, specEnums } from "./enums.js";
export type { FuzzCase, FuzzContext } from "./fuzz/context.js";
export { type FuzzOptions, type FuzzResult, fuzzCases, runFuzz } from "./fuzz/run.js";
export { prepareFuzzContext } from "./fuzz/setup.js";
export { fuzzChecks, mergeFuzzResults } from "./fuzz/summary.js";
export { type Exchange, type OutgoingRequest, send } from "./http/exchange.js";
export { type Mutation, type MutationProxy, startMutationProxy } from "./mutation/proxy.js";
export { type PrismHandle, type PrismOptions, startPrism } from "./prism/process.js";
export { renderJUnit } from "./report/junit.js";
export { renderMarkdown } from "./report/markdown.js";
export {
  type ContractReport,
  type ExtraCheck,
  isConforming,
  type Outcome,
  type ReportRow,
  type Side,
  type SideResult,
  tally,
} from "./report/types.js";
export { writeReport } from "./report/write.js";
export { type Harness, startHarness } from "./server/harness.js";
export {
  runServerSuite,
  SCENARIO_GROUPS,
  type ScenarioGroup,
  type ServerSuiteOptions,
  type ServerSuiteResult,
} from "./server/suite.js";
export type { ServerHooks, ServerKeys } from "./server/target.js";
export { defaultSpecPath, loadSpec } from "./spec/bundle.js";
export { buildMatrix, entryId, type MatrixEntry } from "./spec/matrix.js";
export {
  listOperations,
  type OperationModel,
  operationById,
  type ResponseModel,
  specModel,
} from "./spec/operations.js";
export type { OpenApiDocument } from "./spec/types.js";
