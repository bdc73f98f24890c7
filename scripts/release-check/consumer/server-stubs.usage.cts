// Type-checked, never run: a CommonJS TypeScript consumer of @aurous/server-stubs (.d.cts).
import stubs = require("@aurous/server-stubs");

export const server: typeof stubs.createAurousServer = stubs.createAurousServer;
// @ts-expect-error -- not an operation of the contract
export const unknownOperation: stubs.OperationId = "launchRocket";
