// Programmatic API of @aurous/contract-tests: the pieces the CLI is built from, for suites that
// want to run the contract checks from their own test runner.
export { loadSpec, defaultSpecPath } from "./spec/bundle.js";
export { buildMatrix, entryId, type MatrixEntry } from "./spec/matrix.js";
export { listOperations, operationById, type OperationModel, type ResponseModel, specModel } from "./spec/operations.js";
export type { OpenApiDocument } from "./spec/types.js";
export { SpecValidator } from "./conformance/validator.js";
export { checkResponse, type Problem } from "./conformance/check.js";
export { prismViolations, type PrismViolation } from "./conformance/prism-violations.js";
export { send, type Exchange, type OutgoingRequest } from "./http/exchange.js";
export { startPrism, type PrismHandle, type PrismOptions } from "./prism/process.js";
export { startMutationProxy, type Mutation, type MutationProxy } from "./mutation/proxy.js";
export { startHarness, type Harness } from "./server/harness.js";
export { runServerSuite, SCENARIO_GROUPS, type ScenarioGroup, type ServerSuiteOptions, type ServerSuiteResult } from "./server/suite.js";
export type { ServerKeys, ServerHooks } from "./server/target.js";
export { runFuzz, fuzzCases, type FuzzOptions, type FuzzResult } from "./fuzz/run.js";
export { prepareFuzzContext } from "./fuzz/setup.js";
export { fuzzChecks, mergeFuzzResults } from "./fuzz/summary.js";
export type { FuzzCase, FuzzContext } from "./fuzz/context.js";
export { specEnums, compareEnums, describeDrift, type Drift, type SpecEnums } from "./enums.js";
export { renderMarkdown } from "./report/markdown.js";
export { renderJUnit } from "./report/junit.js";
export { writeReport } from "./report/write.js";
export { isConforming, tally, type ContractReport, type ExtraCheck, type Outcome, type ReportRow, type Side, type SideResult } from "./report/types.js";
export { main as runCli } from "./cli/main.js";
