// Public surface of @aurous/sandbox, for tests and tools that run the sandbox in-process.
export { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox.js";
export { loadConfig, validateConfig, readConfigFile, type SandboxConfig, type LoadOptions } from "./config/load.js";
export { configSchema, type ConfigFile, type ConfigInput, type KeyScope, type TeamConfig } from "./config/schema.js";
export { ConfigError } from "./config/errors.js";
export { DEMO_KEYS, DEMO_TEAM_IDS, demoConfig } from "./config/demo.js";
export { FAIL_TOKEN } from "./characters/fail-trigger.js";
export { classifyDimensions, POSE_BANDS } from "./images/classify.js";
export { OffsetClock, ManualClock, systemClock, type Clock } from "./clock.js";
export { main as runCli } from "./cli/main.js";
