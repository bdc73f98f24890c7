// Types of fixture-operation.mjs.
import type { OpenApiDocument } from "./spec-model.mjs";

export const FIXTURE_OPERATION: Readonly<{
  operationId: "listCharacterRefs";
  method: "get";
  path: "/v1/characters/{id}/refs";
  sdk: Readonly<{ resource: "characters"; method: "listRefs" }>;
}>;

/** The fixture's OpenAPI path item (path-level parameters and the operation). */
export function fixturePathItem(): Record<string, unknown>;

/** A deep copy of the bundled document with the fixture operation added. */
export function withFixtureOperation<T extends OpenApiDocument>(doc: T): T;

/** A deep copy of `doc` where the operation `from` is also served under `path` as `operationId`. */
export function withCopiedOperation<T extends OpenApiDocument>(
  doc: T,
  copy: { from: string; operationId: string; path: string; sdk: { resource: string; method: string } },
): T;

export interface FixtureSpec {
  /** The written bundle (openapi.json in `dir`). */
  path: string;
  dir: string;
  document: OpenApiDocument;
  /** Removes `dir`. */
  cleanup(): void;
}

/** Writes the bundle at `bundlePath`, changed by `transform` (default: withFixtureOperation), to a fresh temp dir. */
export function writeFixtureSpec(
  bundlePath: string,
  transform?: (doc: OpenApiDocument) => OpenApiDocument,
): FixtureSpec;
