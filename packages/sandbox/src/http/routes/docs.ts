// The rendered API reference (Redoc, built by @aurous/openapi's `build`) at /docs, the bundled spec
// at /openapi.json, and / pointing at the docs.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { envelope } from "@aurous/server-stubs";
import type { FastifyInstance } from "fastify";

const openapiRoot = dirname(createRequire(import.meta.url).resolve("@aurous/openapi/package.json"));
export const DOCS_HTML = join(openapiRoot, "dist", "docs", "index.html");
export const SPEC_JSON = join(openapiRoot, "dist", "openapi.json");

export function mountDocRoutes(app: FastifyInstance): void {
  const serve =
    (path: string, type: string, hint: string) =>
    async (request: import("fastify").FastifyRequest, reply: import("fastify").FastifyReply) => {
      try {
        // Read per request: rebuilding the docs while the sandbox runs shows up on reload.
        return reply.header("Content-Type", type).send(await readFile(path));
      } catch {
        const message = `${hint} has not been built yet: run \`pnpm --filter @aurous/openapi build\` (or \`pnpm start\` at the repo root).`;
        return reply.code(404).send(envelope(404, { code: "resource_not_found", message, param: null }, request.id));
      }
    };
  const docs = serve(DOCS_HTML, "text/html; charset=utf-8", "The rendered API reference");
  app.get("/docs", docs);
  app.get("/docs/", docs);
  app.get("/openapi.json", serve(SPEC_JSON, "application/json; charset=utf-8", "The bundled spec"));
  app.get("/", (_request, reply) => reply.redirect("/docs"));
}
