// Finds and loads the bundled spec. Inside the monorepo it is @aurous/openapi's dist/openapi.json;
// the published package carries a copy next to its built code (tsup copies it into dist/).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { OpenApiDocument } from "./types.js";

export function defaultSpecPath(): string {
  const packaged = fileURLToPath(new URL("./openapi.json", import.meta.url));
  if (existsSync(packaged)) return packaged;
  return createRequire(import.meta.url).resolve("@aurous/openapi/openapi.json");
}

export function loadSpec(path: string = defaultSpecPath()): OpenApiDocument {
  const doc = JSON.parse(readFileSync(path, "utf8")) as OpenApiDocument;
  if (!doc.openapi?.startsWith("3.1") || typeof doc.paths !== "object") {
    throw new Error(`${path} is not an OpenAPI 3.1 document`);
  }
  return doc;
}
