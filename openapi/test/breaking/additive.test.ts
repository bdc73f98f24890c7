// Changes that must pass under the current date version, and the schema shapes (oneOf nullability,
// allOf narrowing, $ref siblings, recursion, renamed path parameters) the walker must see through.
import { describe, expect, it } from "vitest";
import type { Json } from "../bundle.js";
import { findingsAfter, findingsBetween, schemas, thingPath } from "./fixture.js";

const props = (s: Json) => schemas(s).UpdateThingRequest.properties;

const additive: Array<[string, (s: Json) => void]> = [
  ["a new optional request field", (s) => (props(s).size = { type: "integer" })],
  ["a request field made optional", (s) => (schemas(s).UpdateThingRequest.required = [])],
  [
    "a new optional query parameter",
    (s) => thingPath(s).get.parameters.push({ name: "fields", in: "query", schema: { type: "string" } }),
  ],
  ["a request enum value added", (s) => props(s).color.enum.push("green")],
  ["a request constraint loosened", (s) => Object.assign(props(s).name, { minLength: 0, maxLength: 200 })],
  ["a request type widened", (s) => (props(s).count.type = ["integer", "null"])],
  [
    "a new operation",
    (s) => (thingPath(s).delete = { operationId: "deleteThing", responses: { "204": { description: "Gone." } } }),
  ],
  [
    "a new path",
    (s) =>
      (s.paths["/v1/others"] = { get: { operationId: "listOthers", responses: { "200": { description: "Ok." } } } }),
  ],
  ["a new response field", (s) => (schemas(s).Thing.properties.color = { type: "string" })],
  ["a response object opened to fields it does not list", (s) => delete schemas(s).Thing.additionalProperties],
  ["an optional response field made required", (s) => schemas(s).Thing.required.push("note")],
  ["a response enum value added (Stripe: new enum values are additive)", (s) => schemas(s).Status.enum.push("deleted")],
  ["a response value narrowed", (s) => (schemas(s).Thing.properties.name.maxLength = 50)],
  ["a nullable response value made non-null", (s) => (schemas(s).Thing.properties.nickname = { type: "string" })],
  [
    "a new response header",
    (s) => (thingPath(s).get.responses["200"].headers["X-New"] = { schema: { type: "string" } }),
  ],
  [
    "a new response media type",
    (s) => (thingPath(s).get.responses["200"].content["text/csv"] = { schema: { type: "string" } }),
  ],
  ["a code added to the shared ErrorCode list only", (s) => schemas(s).ErrorCode.enum.push("resource_gone")],
  [
    "a response header name in another case",
    (s) => {
      const headers = thingPath(s).get.responses["200"].headers;
      headers["aurous-request-id"] = headers["Aurous-Request-Id"];
      delete headers["Aurous-Request-Id"];
    },
  ],
  [
    "a constraint moved into an allOf part",
    (s) => (props(s).name = { allOf: [{ type: "string", minLength: 1 }, { maxLength: 100 }] }),
  ],
  [
    "a schema inlined where it was referenced",
    (s) => (thingPath(s).get.responses["200"].content["application/json"].schema = structuredClone(schemas(s).Thing)),
  ],
  [
    "descriptions and examples",
    (s) => Object.assign(schemas(s).Thing, { description: "New words.", examples: [{ id: "x" }] }),
  ],
  // Last: it moves the path the cases above address.
  [
    "a renamed path parameter",
    (s) => {
      s.paths["/v1/things/{thing_id}"] = s.paths["/v1/things/{id}"];
      delete s.paths["/v1/things/{id}"];
      s.components.parameters.ThingId.name = "thing_id";
    },
  ],
];

describe("additive changes pass", () => {
  it.each(additive)("%s", (_what, change) => {
    expect(findingsAfter(change)).toEqual([]);
  });

  it("all of them at once", () => {
    expect(
      findingsAfter((s) => {
        for (const [, change] of additive) change(s);
      }),
    ).toEqual([]);
  });
});

describe("schema shapes", () => {
  it("a response value that can now be null is widened, whether by type array or oneOf", () => {
    const findings = findingsAfter(
      (s) => (schemas(s).Thing.properties.name = { oneOf: [{ type: "string" }, { type: "null" }] }),
    );
    expect(findings.map((f) => [f.rule, f.location, f.after])).toContainEqual([
      "response-type-widened",
      "response 200 application/json: name",
      "null | string",
    ]);
  });

  it("compares the matching oneOf branch: a narrowed string inside a nullable request value", () => {
    const findings = findingsAfter(
      (s) => (props(s).email = { oneOf: [{ type: "string", maxLength: 10 }, { type: "null" }] }),
    );
    expect(findings.map((f) => [f.rule, f.location, f.after])).toEqual([
      ["request-constraint-narrowed", "request body application/json: email (maxLength)", "10"],
    ]);
  });

  it("matches oneOf branches by $ref and reports a removed request alternative", () => {
    const shapes = (s: Json) => {
      schemas(s).Circle = { type: "object", properties: { r: { type: "number" } } };
      schemas(s).Square = { type: "object", properties: { side: { type: "number" } } };
      props(s).shape = { oneOf: [{ $ref: "#/components/schemas/Circle" }, { $ref: "#/components/schemas/Square" }] };
    };
    expect(findingsBetween(shapes, (s) => props(s).shape.oneOf.reverse())).toEqual([]);
    expect(
      findingsBetween(shapes, (s) => props(s).shape.oneOf.pop()).map((f) => [f.rule, f.location, f.before]),
    ).toEqual([
      ["request-type-narrowed", "request body application/json: shape", "alternative #/components/schemas/Square"],
    ]);
  });

  it("follows $ref with sibling keywords (OpenAPI 3.1) and merges them", () => {
    const findings = findingsAfter(
      (s) => (schemas(s).Thing.properties.status = { $ref: "#/components/schemas/Status", enum: ["active"] }),
    );
    expect(findings.map((f) => f.rule)).toEqual(["response-enum-value-removed", "response-enum-value-removed"]);
  });

  it("walks recursive schemas without looping and still finds changes inside them", () => {
    const tree = (s: Json) => {
      schemas(s).Node = {
        type: "object",
        required: ["label"],
        properties: {
          label: { type: "string" },
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
        },
      };
      schemas(s).Thing.properties.tree = { $ref: "#/components/schemas/Node" };
    };
    expect(findingsBetween(tree, () => {})).toEqual([]);
    const findings = findingsBetween(tree, (s) => (schemas(s).Node.required = []));
    expect(findings.map((f) => [f.rule, f.operation, f.location])).toEqual([
      ["response-property-made-optional", "GET /v1/things/{id}", "response 200 application/json: tree.label"],
      ["response-property-made-optional", "PATCH /v1/things/{id}", "response 200 application/json: tree.label"],
    ]);
  });
});
