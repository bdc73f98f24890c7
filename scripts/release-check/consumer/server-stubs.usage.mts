// Type-checked, never run: an ESM TypeScript consumer of @aurous/server-stubs.
import { type AurousServerOptions, createAurousServer, type OperationId } from "@aurous/server-stubs";

export const server: typeof createAurousServer = createAurousServer;
export type Options = AurousServerOptions;
export const getCharacter: OperationId = "getCharacter";
// @ts-expect-error -- not an operation of the contract
export const unknownOperation: OperationId = "launchRocket";
