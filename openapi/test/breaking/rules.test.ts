// One case per rule of tools/lib/rules.mjs: a small before/after pair and the exact findings it must
// produce (rule, operation, location, before → after) — and nothing else.
import { describe, expect, it } from "vitest";
import { RULES } from "../../tools/lib/rules.mjs";
import type { Json } from "../bundle.js";
import { findingsAfter, schemas, thingPath } from "./fixture.js";

type Expected = { rule: string; operation: string; location: string; before: string; after: string };

const GET = "GET /v1/things/{id}";
const PATCH = "PATCH /v1/things/{id}";
const body = "request body application/json";
const ok200 = "response 200 application/json";

const pick = (f: Json) => ({
  rule: f.rule,
  operation: f.operation,
  location: f.location,
  before: f.before,
  after: f.after,
});

const cases: Record<string, { change: (spec: Json) => void; expected: Expected[] }> = {
  "path-removed": {
    change: (s) => delete s.paths["/v1/things/{id}"],
    expected: [
      { rule: "path-removed", operation: GET, location: "path", before: "/v1/things/{id}", after: "removed" },
      { rule: "path-removed", operation: PATCH, location: "path", before: "/v1/things/{id}", after: "removed" },
    ],
  },
  "operation-removed": {
    change: (s) => delete thingPath(s).patch,
    expected: [
      { rule: "operation-removed", operation: PATCH, location: "operation", before: "present", after: "removed" },
    ],
  },
  "operation-id-changed": {
    change: (s) => (thingPath(s).get.operationId = "retrieveThing"),
    expected: [
      {
        rule: "operation-id-changed",
        operation: GET,
        location: "operationId",
        before: "getThing",
        after: "retrieveThing",
      },
    ],
  },
  "request-parameter-removed": {
    change: (s) => thingPath(s).get.parameters.shift(),
    expected: [
      {
        rule: "request-parameter-removed",
        operation: GET,
        location: "parameter query expand",
        before: "accepted",
        after: "removed",
      },
    ],
  },
  "request-parameter-required": {
    change: (s) => {
      thingPath(s).get.parameters[0].required = true;
      thingPath(s).get.parameters.push({ name: "X-Team", in: "header", required: true, schema: { type: "string" } });
    },
    expected: [
      {
        rule: "request-parameter-required",
        operation: GET,
        location: "parameter query expand",
        before: "optional",
        after: "required",
      },
      {
        rule: "request-parameter-required",
        operation: GET,
        location: "parameter header X-Team",
        before: "absent",
        after: "required",
      },
    ],
  },
  "request-body-required": {
    change: (s) => {
      thingPath(s).patch.requestBody.required = false;
      thingPath(s).get.requestBody = {
        required: true,
        content: { "application/json": { schema: { type: "object" } } },
      };
    },
    expected: [
      { rule: "request-body-required", operation: GET, location: "request body", before: "absent", after: "required" },
    ],
  },
  "request-media-type-removed": {
    change: (s) => {
      const content = thingPath(s).patch.requestBody.content;
      content["application/merge-patch+json"] = content["application/json"];
      delete content["application/json"];
    },
    expected: [
      { rule: "request-media-type-removed", operation: PATCH, location: body, before: "accepted", after: "removed" },
    ],
  },
  "request-property-required": {
    change: (s) => schemas(s).UpdateThingRequest.required.push("count", "size"),
    expected: [
      {
        rule: "request-property-required",
        operation: PATCH,
        location: `${body}: count`,
        before: "optional",
        after: "required",
      },
      {
        rule: "request-property-required",
        operation: PATCH,
        location: `${body}: size`,
        before: "absent",
        after: "required",
      },
    ],
  },
  "request-property-removed": {
    change: (s) => delete schemas(s).UpdateThingRequest.properties.color,
    expected: [
      {
        rule: "request-property-removed",
        operation: PATCH,
        location: `${body}: color`,
        before: "accepted",
        after: "removed",
      },
    ],
  },
  "request-type-narrowed": {
    change: (s) => (schemas(s).UpdateThingRequest.properties.email.type = "string"),
    expected: [
      {
        rule: "request-type-narrowed",
        operation: PATCH,
        location: `${body}: email`,
        before: "null | string",
        after: "string",
      },
    ],
  },
  "request-constraint-narrowed": {
    change: (s) => (schemas(s).UpdateThingRequest.properties.name.maxLength = 50),
    expected: [
      {
        rule: "request-constraint-narrowed",
        operation: PATCH,
        location: `${body}: name (maxLength)`,
        before: "100",
        after: "50",
      },
    ],
  },
  "request-enum-value-removed": {
    change: (s) => (schemas(s).UpdateThingRequest.properties.color.enum = ["red"]),
    expected: [
      {
        rule: "request-enum-value-removed",
        operation: PATCH,
        location: `${body}: color`,
        before: '["red","blue"]',
        after: '["red"] (removed "blue")',
      },
    ],
  },
  "response-status-removed": {
    change: (s) => delete thingPath(s).get.responses["400"],
    expected: [
      {
        rule: "response-status-removed",
        operation: GET,
        location: "response 400",
        before: "documented",
        after: "removed",
      },
    ],
  },
  "response-status-added": {
    change: (s) => (thingPath(s).patch.responses["409"] = thingPath(s).patch.responses["404"]),
    expected: [
      {
        rule: "response-status-added",
        operation: PATCH,
        location: "response 409",
        before: "not documented",
        after: "documented",
      },
    ],
  },
  "response-error-code-removed": {
    change: (s) => (schemas(s).BadRequestError.properties.error.allOf[1].properties.code.enum = ["invalid_format"]),
    expected: [
      {
        rule: "response-error-code-removed",
        operation: GET,
        location: "response 400 application/json: error.code",
        before: '["invalid_format","unknown_version"]',
        after: '["invalid_format"] (removed unknown_version)',
      },
    ],
  },
  "response-error-code-added": {
    // The code joins the shared ErrorCode list (additive on its own) and the 404 narrowing (breaking).
    change: (s) => {
      schemas(s).ErrorCode.enum.push("resource_gone");
      schemas(s).NotFoundError.properties.error.allOf[1].properties.code.enum.push("resource_gone");
    },
    expected: [GET, PATCH].map((operation) => ({
      rule: "response-error-code-added",
      operation,
      location: "response 404 application/json: error.code",
      before: '["resource_not_found"]',
      after: '["resource_not_found","resource_gone"] (added resource_gone)',
    })),
  },
  "response-header-removed": {
    change: (s) => delete thingPath(s).get.responses["200"].headers["X-RateLimit-Limit"],
    expected: [
      {
        rule: "response-header-removed",
        operation: GET,
        location: "response 200 header X-RateLimit-Limit",
        before: "sent",
        after: "removed",
      },
    ],
  },
  "response-header-made-optional": {
    change: (s) =>
      (thingPath(s).get.responses["200"].headers["Aurous-Request-Id"] = {
        required: false,
        schema: { type: "string" },
      }),
    expected: [
      {
        rule: "response-header-made-optional",
        operation: GET,
        location: "response 200 header Aurous-Request-Id",
        before: "required",
        after: "optional",
      },
    ],
  },
  "response-media-type-removed": {
    change: (s) => (thingPath(s).get.responses["200"].content = { "application/xml": { schema: { type: "string" } } }),
    expected: [
      { rule: "response-media-type-removed", operation: GET, location: ok200, before: "produced", after: "removed" },
    ],
  },
  "response-property-removed": {
    change: (s) => delete schemas(s).Thing.properties.note,
    expected: [GET, PATCH].map((operation) => ({
      rule: "response-property-removed",
      operation,
      location: `${ok200}: note`,
      before: "optional",
      after: "removed",
    })),
  },
  "response-property-made-optional": {
    change: (s) => (schemas(s).Thing.required = schemas(s).Thing.required.filter((n: string) => n !== "name")),
    expected: [GET, PATCH].map((operation) => ({
      rule: "response-property-made-optional",
      operation,
      location: `${ok200}: name`,
      before: "required",
      after: "optional",
    })),
  },
  "response-type-widened": {
    change: (s) => (schemas(s).Thing.properties.id.type = ["string", "null"]),
    expected: [GET, PATCH].map((operation) => ({
      rule: "response-type-widened",
      operation,
      location: `${ok200}: id`,
      before: "string",
      after: "null | string",
    })),
  },
  "response-enum-value-removed": {
    change: (s) => (schemas(s).Status.enum = ["active"]),
    expected: [GET, PATCH].map((operation) => ({
      rule: "response-enum-value-removed",
      operation,
      location: `${ok200}: status`,
      before: '["active","archived"]',
      after: '["active"] (removed "archived")',
    })),
  },
};

describe("breaking rules", () => {
  it("every rule of the catalogue has a case here", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(RULES).sort());
  });

  it.each(Object.entries(cases))("%s", (_rule, { change, expected }) => {
    expect(findingsAfter(change).map(pick)).toEqual(expected);
  });

  it("names the affected operationIds, old and new, so a changelog entry can declare them", () => {
    const [finding] = findingsAfter((s) => (thingPath(s).get.operationId = "retrieveThing"));
    expect(finding.operationIds).toEqual(["getThing", "retrieveThing"]);
  });
});

describe("request-constraint-narrowed, keyword by keyword", () => {
  const props = (s: Json) => schemas(s).UpdateThingRequest.properties;
  const narrowing: Array<[string, (s: Json) => void, string, string, string]> = [
    ["lower maxLength", (s) => (props(s).name.maxLength = 99), "name (maxLength)", "100", "99"],
    ["higher minLength", (s) => (props(s).name.minLength = 2), "name (minLength)", "1", "2"],
    ["smaller maximum", (s) => (props(s).count.maximum = 9), "count (maximum)", "10", "9"],
    ["bigger minimum", (s) => (props(s).count.minimum = 1), "count (minimum)", "0", "1"],
    ["new exclusiveMaximum", (s) => (props(s).count.exclusiveMaximum = 10), "count (exclusiveMaximum)", "none", "10"],
    ["new multipleOf", (s) => (props(s).count.multipleOf = 2), "count (multipleOf)", "none", "2"],
    ["lower maxItems", (s) => (props(s).labels.maxItems = 4), "labels (maxItems)", "5", "4"],
    ["new minItems", (s) => (props(s).labels.minItems = 1), "labels (minItems)", "none", "1"],
    ["new uniqueItems", (s) => (props(s).labels.uniqueItems = true), "labels (uniqueItems)", "false", "true"],
    ["new pattern", (s) => (props(s).name.pattern = "^[A-Z]"), "name (pattern)", "[]", '"^[A-Z]"'],
    ["new format", (s) => (props(s).email.format = "email"), "email (format)", "[]", "email"],
    ["new enum on a free value", (s) => (props(s).name.enum = ["a", "b"]), "name (enum)", "any value", '["a","b"]'],
    [
      "closed object",
      (s) => (props(s).meta.additionalProperties = false),
      "meta (additionalProperties)",
      "allowed",
      "false",
    ],
    ["nested array items", (s) => (props(s).labels.items.maxLength = 10), "labels[] (maxLength)", "none", "10"],
  ];
  it.each(narrowing)("%s", (_what, change, field, before, after) => {
    expect(findingsAfter(change).map(pick)).toEqual([
      { rule: "request-constraint-narrowed", operation: PATCH, location: `${body}: ${field}`, before, after },
    ]);
  });

  it("a changed path-parameter pattern narrows what the server accepts", () => {
    const findings = findingsAfter((s) => (s.components.parameters.ThingId.schema.pattern = "^thg_"));
    expect(findings.map((f) => `${f.rule} ${f.operation} ${f.location}`)).toEqual([
      `request-constraint-narrowed ${GET} parameter path id (pattern)`,
      `request-constraint-narrowed ${PATCH} parameter path id (pattern)`,
    ]);
  });
});
