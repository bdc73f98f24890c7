// Public surface of @aurous/sandbox, for tests and tools that run the sandbox in-process.

export { FAIL_TOKEN } from "./characters/fail-trigger.js";
export { main as runCli } from "./cli/main.js";
export { type Clock, ManualClock, OffsetClock, systemClock } from "./clock.js";
export { DEMO_KEYS, DEMO_TEAM_IDS, demoConfig } from "./config/demo.js";
export { ConfigError } from "./config/errors.js";
export { type LoadOptions, loadConfig, readConfigFile, type SandboxConfig, validateConfig } from "./config/load.js";
export { type ConfigFile, type ConfigInput, configSchema, type KeyScope, type TeamConfig } from "./config/schema.js";
export { classifyDimensions, POSE_BANDS } from "./images/classify.js";
export { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox.js";
