// A small but complete spec that every breaking-rule test starts from: one path with a GET and a
// PATCH, path/query/header parameters, a request body, response headers and an error envelope whose
// code list is narrowed per status with allOf, like the real spec.
import { diffSpecs } from "../../tools/lib/operation-diff.mjs";
import type { Json } from "../bundle.js";

const json = "application/json";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function errorResponse(schema: string) {
  return {
    description: "Error.",
    headers: { "Aurous-Request-Id": { $ref: "#/components/headers/RequestId" } },
    content: { [json]: { schema: ref(schema) } },
  };
}

const narrowedError = (codes: string[]) => ({
  type: "object",
  additionalProperties: false,
  required: ["error"],
  properties: { error: { allOf: [ref("ErrorDetail"), { type: "object", properties: { code: { enum: codes } } }] } },
});

export function baseSpec(): Json {
  return {
    openapi: "3.1.0",
    info: { title: "Fixture", version: "2026-05-15" },
    "x-aurous-versions": [{ version: "2026-05-15", summary: "First.", breaking: false, changes: [] }],
    paths: {
      "/v1/things/{id}": {
        parameters: [{ $ref: "#/components/parameters/ThingId" }],
        get: {
          operationId: "getThing",
          parameters: [
            { name: "expand", in: "query", required: false, schema: { type: "string", enum: ["owner", "tags"] } },
            {
              name: "Aurous-Version",
              in: "header",
              required: false,
              schema: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
            },
          ],
          responses: {
            "200": {
              description: "The thing.",
              headers: {
                "Aurous-Request-Id": { $ref: "#/components/headers/RequestId" },
                "X-RateLimit-Limit": { required: false, schema: { type: "integer" } },
              },
              content: { [json]: { schema: ref("Thing") } },
            },
            "400": errorResponse("BadRequestError"),
            "404": errorResponse("NotFoundError"),
          },
        },
        patch: {
          operationId: "updateThing",
          requestBody: { required: true, content: { [json]: { schema: ref("UpdateThingRequest") } } },
          responses: {
            "200": { description: "Updated.", content: { [json]: { schema: ref("Thing") } } },
            "404": errorResponse("NotFoundError"),
          },
        },
      },
    },
    components: {
      parameters: {
        ThingId: { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^thing_" } },
      },
      headers: { RequestId: { required: true, schema: { type: "string" } } },
      schemas: {
        Thing: {
          type: "object",
          additionalProperties: false,
          required: ["id", "status", "name", "nickname", "tags"],
          properties: {
            id: { type: "string" },
            status: ref("Status"),
            name: { type: "string", maxLength: 100 },
            nickname: { oneOf: [{ type: "string" }, { type: "null" }] },
            tags: { type: "array", items: { type: "string" } },
            note: { type: "string" },
          },
        },
        Status: { type: "string", enum: ["active", "archived"] },
        UpdateThingRequest: {
          type: "object",
          additionalProperties: false,
          required: ["name"],
          properties: {
            name: { type: "string", minLength: 1, maxLength: 100 },
            count: { type: "integer", minimum: 0, maximum: 10 },
            color: { type: "string", enum: ["red", "blue"] },
            email: { type: ["string", "null"] },
            labels: { type: "array", maxItems: 5, items: { type: "string" } },
            meta: { type: "object", properties: { source: { type: "string" } } },
          },
        },
        ErrorCode: { type: "string", enum: ["invalid_format", "unknown_version", "resource_not_found"] },
        ErrorDetail: {
          type: "object",
          required: ["code", "message"],
          properties: { code: ref("ErrorCode"), message: { type: "string" } },
        },
        BadRequestError: narrowedError(["invalid_format", "unknown_version"]),
        NotFoundError: narrowedError(["resource_not_found"]),
      },
    },
  };
}

/** The breaking findings of applying `change` to a fresh copy of the fixture. */
export function findingsAfter(change: (spec: Json) => void): Json[] {
  const before = baseSpec();
  const after = baseSpec();
  change(after);
  return diffSpecs(before, after);
}

/** Same, from a fixture that `prepare` first extends (on both sides). */
export function findingsBetween(prepare: (spec: Json) => void, change: (spec: Json) => void): Json[] {
  const before = baseSpec();
  const after = baseSpec();
  prepare(before);
  prepare(after);
  change(after);
  return diffSpecs(before, after);
}

export const schemas = (spec: Json) => spec.components.schemas;
export const thingPath = (spec: Json) => spec.paths["/v1/things/{id}"];
