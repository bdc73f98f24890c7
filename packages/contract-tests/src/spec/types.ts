// Loose shapes of the parts of an OpenAPI 3.1 document this package reads. The bundle is data
// we validate against, not code we type-check, so JSON Schema nodes stay structurally open.
export type JsonSchema = { [key: string]: unknown } | boolean;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [extension: `x-${string}`]: unknown;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
