// Request validation per operation: the code is always one the op documents at 400 (its
// x-aurous-validation-error-code when it has one) and `param` names the field at fault.

import type { LightMyRequestResponse } from "fastify";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { type ApiOperationId, type OperationMeta, operations, validationCodeFor } from "../src/index.js";
import { AUTH, CHAR_ID, IMAGE_ID, implementation, server, UPLOAD_ID } from "./helpers.js";

const app = server();
afterAll(() => app.close());

type Method = "GET" | "POST" | "PATCH" | "DELETE";
interface Case {
  name: string;
  method: Method;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  kind: "missing_field" | "value_out_of_range" | "invalid_format" | "parameter_invalid_combination";
  param: string | null;
}

const C = `/v1/characters/${CHAR_ID}`;
const LONG_KEY = "k".repeat(257);
const INIT = { filename: "a.jpg", extension: "jpg", content_type: "image/jpeg" };

const CASES: Record<ApiOperationId, Case[]> = {
  initCharacterUpload: [
    {
      name: "required field",
      method: "POST",
      url: "/v1/characters/uploads/init",
      body: { filename: "a.jpg", extension: "jpg" },
      kind: "missing_field",
      param: "content_type",
    },
    {
      name: "too long",
      method: "POST",
      url: "/v1/characters/uploads/init",
      body: { ...INIT, filename: "f".repeat(121) },
      kind: "value_out_of_range",
      param: "filename",
    },
    {
      name: "enum",
      method: "POST",
      url: "/v1/characters/uploads/init",
      body: { ...INIT, extension: "gif" },
      kind: "invalid_format",
      param: "extension",
    },
    {
      name: "unknown key",
      method: "POST",
      url: "/v1/characters/uploads/init",
      body: { ...INIT, colour: "red" },
      kind: "invalid_format",
      param: "colour",
    },
    // Each field valid on its own, but the pair disagrees: the schema's x-aurous-combination-error.
    {
      name: "format pair",
      method: "POST",
      url: "/v1/characters/uploads/init",
      body: { ...INIT, extension: "png" },
      kind: "parameter_invalid_combination",
      param: "content_type",
    },
  ],
  classifyCharacterUpload: [
    {
      name: "required field",
      method: "POST",
      url: "/v1/characters/uploads/classify",
      body: {},
      kind: "missing_field",
      param: "upload_id",
    },
    // Ids are looked up, not shape-checked (an unknown one is upload_invalid); only what no id can
    // be fails: a control character, or an empty string (value_out_of_range, which classify does
    // not document → invalid_format).
    {
      name: "control character",
      method: "POST",
      url: "/v1/characters/uploads/classify",
      body: { upload_id: "upl_\u0001" },
      kind: "invalid_format",
      param: "upload_id",
    },
    {
      name: "empty id",
      method: "POST",
      url: "/v1/characters/uploads/classify",
      body: { upload_id: "" },
      kind: "value_out_of_range",
      param: "upload_id",
    },
    {
      name: "wrong type",
      method: "POST",
      url: "/v1/characters/uploads/classify",
      body: { upload_id: 5 },
      kind: "invalid_format",
      param: "upload_id",
    },
  ],
  listCharacters: [
    {
      name: "status enum",
      method: "GET",
      url: "/v1/characters?status=deleted",
      kind: "invalid_format",
      param: "status",
    },
    { name: "limit bound", method: "GET", url: "/v1/characters?limit=101", kind: "value_out_of_range", param: "limit" },
    { name: "limit type", method: "GET", url: "/v1/characters?limit=ten", kind: "invalid_format", param: "limit" },
    {
      name: "cursor",
      method: "GET",
      url: "/v1/characters?starting_after=img-1",
      kind: "invalid_format",
      param: "starting_after",
    },
  ],
  createCharacter: [
    {
      name: "required field",
      method: "POST",
      url: "/v1/characters",
      body: { generate: true },
      kind: "missing_field",
      param: "name",
    },
    {
      name: "nested bound",
      method: "POST",
      url: "/v1/characters",
      body: { name: "A", attributes: { age: 151 } },
      kind: "value_out_of_range",
      param: "attributes.age",
    },
    {
      name: "array item",
      method: "POST",
      url: "/v1/characters",
      body: { name: "A", upload_ids: [""] },
      kind: "value_out_of_range",
      param: "upload_ids[0]",
    },
    {
      name: "neither flow",
      method: "POST",
      url: "/v1/characters",
      body: { name: "A" },
      kind: "parameter_invalid_combination",
      param: "upload_ids",
    },
    {
      name: "both flows",
      method: "POST",
      url: "/v1/characters",
      body: { name: "A", upload_ids: [UPLOAD_ID], generate: true, attributes: { age: 3 } },
      kind: "parameter_invalid_combination",
      param: "upload_ids",
    },
    {
      name: "generate false",
      method: "POST",
      url: "/v1/characters",
      body: { name: "A", generate: false },
      kind: "parameter_invalid_combination",
      param: "upload_ids",
    },
    // attributes alone select no flow (the upload flow may carry them too): still neither.
    {
      name: "attributes, no flow",
      method: "POST",
      url: "/v1/characters",
      body: { name: "A", attributes: { age: 3 } },
      kind: "parameter_invalid_combination",
      param: "upload_ids",
    },
    // generate: true selects the synthesize flow (x-aurous-selected-by): its own failure is named.
    {
      name: "synthesis without attributes",
      method: "POST",
      url: "/v1/characters",
      body: { name: "A", generate: true },
      kind: "missing_field",
      param: "attributes",
    },
    {
      name: "nested unknown key",
      method: "POST",
      url: "/v1/characters",
      body: { name: "A", attributes: { mood: "x" } },
      kind: "invalid_format",
      param: "attributes.mood",
    },
    {
      name: "too many items",
      method: "POST",
      url: "/v1/characters",
      body: { name: "A", upload_ids: Array(7).fill(UPLOAD_ID) },
      kind: "value_out_of_range",
      param: "upload_ids",
    },
    {
      name: "Idempotency-Key length",
      method: "POST",
      url: "/v1/characters",
      headers: { "idempotency-key": LONG_KEY },
      body: { name: "A" },
      kind: "value_out_of_range",
      param: "Idempotency-Key",
    },
    {
      name: "Idempotency-Key chars",
      method: "POST",
      url: "/v1/characters",
      headers: { "idempotency-key": "has space" },
      body: { name: "A" },
      kind: "invalid_format",
      param: "Idempotency-Key",
    },
    { name: "no body", method: "POST", url: "/v1/characters", kind: "missing_field", param: null },
  ],
  getCharacter: [],
  updateCharacter: [
    { name: "empty name", method: "PATCH", url: C, body: { name: "" }, kind: "value_out_of_range", param: "name" },
    {
      name: "unknown key",
      method: "PATCH",
      url: C,
      body: { status: "ready" },
      kind: "invalid_format",
      param: "status",
    },
    {
      name: "oneOf branch",
      method: "PATCH",
      url: C,
      body: { attributes: { age: -1 } },
      kind: "value_out_of_range",
      param: "attributes.age",
    },
  ],
  deleteCharacter: [],
  saveCharacter: [],
  regenerateCharacterRef: [
    {
      name: "required field",
      method: "POST",
      url: `${C}/refs/regenerate`,
      body: {},
      kind: "missing_field",
      param: "pose",
    },
    {
      name: "enum",
      method: "POST",
      url: `${C}/refs/regenerate`,
      body: { pose: "sideways" },
      kind: "invalid_format",
      param: "pose",
    },
    {
      name: "Idempotency-Key",
      method: "POST",
      url: `${C}/refs/regenerate`,
      headers: { "idempotency-key": LONG_KEY },
      body: { pose: "front" },
      kind: "value_out_of_range",
      param: "Idempotency-Key",
    },
  ],
  resynthesizeCharacter: [
    {
      name: "wrong type",
      method: "POST",
      url: `${C}/resynthesize`,
      body: { force_all: "yes" },
      kind: "invalid_format",
      param: "force_all",
    },
    {
      name: "unknown key",
      method: "POST",
      url: `${C}/resynthesize`,
      body: { poses: [] },
      kind: "invalid_format",
      param: "poses",
    },
  ],
  // No input but the version header, which the runtime checks before validation (400 unknown_version).
  getBalance: [],
  getTeam: [],
  getPricing: [],
  listLoras: [],
  listImages: [
    { name: "limit bound", method: "GET", url: "/v1/images?limit=0", kind: "value_out_of_range", param: "limit" },
    { name: "limit type", method: "GET", url: "/v1/images?limit=ten", kind: "invalid_format", param: "limit" },
  ],
  createImage: [
    { name: "required field", method: "POST", url: "/v1/images", body: {}, kind: "missing_field", param: "prompt" },
    {
      name: "bound",
      method: "POST",
      url: "/v1/images",
      body: { prompt: "A", steps: 500 },
      kind: "value_out_of_range",
      param: "steps",
    },
    {
      name: "unknown key",
      method: "POST",
      url: "/v1/images",
      body: { prompt: "A", colour: "red" },
      kind: "invalid_format",
      param: "colour",
    },
  ],
  estimateImage: [
    {
      name: "required field",
      method: "POST",
      url: "/v1/images/estimate",
      body: { count: 2 },
      kind: "missing_field",
      param: "prompt",
    },
    {
      name: "bound",
      method: "POST",
      url: "/v1/images/estimate",
      body: { prompt: "A", count: 5 },
      kind: "value_out_of_range",
      param: "count",
    },
  ],
  getImage: [],
  cancelImage: [],
  // The output number is a value, not an id: not a number, or out of range, is a 400 (whose only
  // validation code there is invalid_format).
  getImageOutput: [
    {
      name: "n not a number",
      method: "GET",
      url: `/v1/images/${IMAGE_ID}/output/abc`,
      kind: "invalid_format",
      param: "n",
    },
    {
      name: "n out of range",
      method: "GET",
      url: `/v1/images/${IMAGE_ID}/output/99`,
      kind: "value_out_of_range",
      param: "n",
    },
  ],
};

function documented400(meta: OperationMeta): string[] {
  const r = meta.responses["400"];
  return r?.kind === "error" ? r.codes : [];
}

function expectEnvelope(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "doc_url", "message", "param", "request_id", "type"]);
  expect(body.error.doc_url).toBe(`https://docs.aurous-labs.com/errors#${body.error.code}`);
  expect(body.error.request_id).toBe(res.headers["aurous-request-id"]);
  expect(res.body).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  return body.error as { type: string; code: string; message: string; param: string | null };
}

const apiOps = Object.values(operations).filter((m) => m.credential === "api-key");

describe("validation code mapping", () => {
  // Path ids are never a 400 (an unknown id of any shape is a 404) and the version pin has its own
  // code, so an operation with nothing else to validate documents no validation code at all.
  const validatesInput = (meta: OperationMeta) =>
    meta.requestBody !== null || meta.parameters.some((p) => p.in !== "path" && p.name !== "Aurous-Version");

  it.each(apiOps.filter(validatesInput))("$operationId: every kind maps to a code it documents at 400", (meta) => {
    for (const kind of ["missing_field", "value_out_of_range", "invalid_format"] as const) {
      const code = validationCodeFor(meta, kind);
      expect(documented400(meta)).toContain(code);
      if (meta.validationErrorCode) expect(code).toBe(meta.validationErrorCode);
    }
  });

  it.each(apiOps.filter((m) => !validatesInput(m)))(
    "$operationId: has no input to validate, and documents no validation code",
    (meta) => {
      for (const kind of ["missing_field", "value_out_of_range", "invalid_format"])
        expect(documented400(meta)).not.toContain(kind);
    },
  );

  it("follows x-aurous-validation-error-code and falls back to invalid_format", () => {
    expect(validationCodeFor(operations.listCharacters, "missing_field")).toBe("invalid_request");
    expect(validationCodeFor(operations.saveCharacter, "value_out_of_range")).toBe("invalid_request_error");
    expect(validationCodeFor(operations.createCharacter, "value_out_of_range")).toBe("value_out_of_range");
    expect(validationCodeFor(operations.classifyCharacterUpload, "value_out_of_range")).toBe("invalid_format");
    expect(validationCodeFor(operations.updateCharacter, "missing_field")).toBe("invalid_request");
  });
});

describe.each(Object.entries(CASES).filter(([, cases]) => cases.length > 0))("%s", (operationId, cases) => {
  const meta = operations[operationId as ApiOperationId];
  it.each(cases)("$name → 400 with a documented code and param $param", async (c) => {
    const res = await app.inject({
      method: c.method,
      url: c.url,
      headers: { ...AUTH, ...c.headers },
      ...(c.body !== undefined ? { payload: c.body as object } : {}),
    });
    const error = expectEnvelope(res, 400);
    expect(error.type).toBe("invalid_request");
    expect(error.code).toBe(validationCodeFor(meta, c.kind));
    expect(documented400(meta)).toContain(error.code);
    expect(error.param).toBe(c.param);
    expect(error.message.length).toBeGreaterThan(0);
  });
});

describe("unknown keys", () => {
  it("names the first in param and every one in the message (update rejects refs, id and status together)", async () => {
    const res = await app.inject({
      method: "PATCH",
      url: C,
      headers: { ...AUTH, "content-type": "application/json" },
      payload: { name: "A", refs: [], id: "x", status: "ready" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: "invalid_request",
      param: "refs",
      message: "refs, id, status are not recognised fields.",
    });
  });

  it("keeps the nested path for keys inside an object", async () => {
    const res = await app.inject({
      method: "PATCH",
      url: C,
      headers: { ...AUTH, "content-type": "application/json" },
      payload: { attributes: { mood: "calm", age: 3, shoe: 9 } },
    });
    expect(res.json().error).toMatchObject({
      param: "attributes.mood",
      message: "attributes.mood, attributes.shoe are not recognised fields.",
    });
  });
});

describe("ids in the path", () => {
  // Opaque ids: whatever their shape, an id that names nothing is the documented 404, never a 400.
  const byId = apiOps.filter((m) => m.path.includes("{id}"));
  const shapes = [
    "char_nope",
    "x",
    "char_01HXMQ7Z3K8Y2ABCDEFGHJKM",
    "%01",
    "c".repeat(300),
    "%F0%9F%98%80".repeat(1024),
    "c".repeat(1025),
  ];
  // What errors call the id (x-aurous-error-param): character_id for characters, id for generations.
  const idParam = (m: OperationMeta) => m.parameters.find((p) => p.in === "path" && p.name === "id")!.errorParam;
  // Handlers that know nothing by that id: what reaches them gets their 404; what the runtime refuses
  // first (a control character, an id longer than a route parameter may be) must get the same.
  const knowsNone = () =>
    server({
      implementation: implementation(
        Object.fromEntries(
          byId.map((m) => [
            m.operationId,
            (req: { fail: (...a: unknown[]) => unknown }) =>
              req.fail(404, "resource_not_found", "Nothing with this id.", idParam(m)),
          ]),
        ),
      ),
    });
  it.each(byId)("$operationId: an unknown id of any shape → 404 resource_not_found", async (meta) => {
    // A server per operation: the synthesize bucket (burst 12) is shared by two of them.
    const app = knowsNone();
    onTestFinished(() => app.close());
    for (const id of shapes) {
      const res = await app.inject({
        method: meta.httpMethod,
        url: meta.path.replace("{id}", id).replace("{n}", "0"),
        headers: { ...AUTH, ...(meta.requestBody ? { "content-type": "application/json" } : {}) },
        ...(meta.requestBody
          ? { payload: meta.operationId === "regenerateCharacterRef" ? { pose: "front" } : {} }
          : {}),
      });
      const error = res.json().error ?? {};
      // Whoever refuses it (the runtime or the handler's lookup), errors name it the same.
      expect(
        `${res.statusCode} ${error.code} ${error.param}`,
        `${meta.operationId} ${id.slice(0, 20)}: ${res.body.slice(0, 300)}`,
      ).toBe(`404 resource_not_found ${idParam(meta)}`);
      expectEnvelope(res, 404);
    }
  });
});

describe("request bodies", () => {
  const bodyOps = apiOps.filter((m) => m.requestBody !== null);
  const bodylessWrites = apiOps.filter((m) => m.method !== "get" && m.requestBody === null);

  it.each(bodylessWrites)("$operationId: documents no body, so ignores one it cannot read", async (meta) => {
    const url = meta.path.replace("{id}", CHAR_ID);
    const plain = await app.inject({ method: meta.httpMethod, url, headers: AUTH });
    for (const [type, payload] of [
      ["application/json", '{"name": '],
      ["text/plain", "hello"],
    ] as const) {
      const res = await app.inject({
        method: meta.httpMethod,
        url,
        headers: { ...AUTH, "content-type": type },
        payload,
      });
      expect(res.statusCode, `${meta.operationId} ${type}`).toBe(plain.statusCode);
    }
  });

  // A POST or DELETE can carry a body even where none is documented; over the limit it is refused with
  // the documented 413 before anything is read (it was once an undocumented answer, hence a 500).
  it.each(bodylessWrites)(
    "$operationId: a body over json_body_bytes → 413 request_too_large, never a 500",
    async (meta) => {
      const url = meta.path.replace("{id}", CHAR_ID);
      const res = await app.inject({
        method: meta.httpMethod,
        url,
        headers: { ...AUTH, "content-type": "application/json" },
        payload: JSON.stringify({ name: "x".repeat(65_536) }),
      });
      const error = expectEnvelope(res, 413);
      expect(error).toMatchObject({ type: "invalid_request", code: "request_too_large", param: null });
    },
  );

  it.each(bodyOps)("$operationId: malformed JSON → 400 with its invalid_format code", async (meta) => {
    const url = meta.path.replace("{id}", CHAR_ID);
    const res = await app.inject({
      method: meta.httpMethod,
      url,
      headers: { ...AUTH, "content-type": "application/json" },
      payload: '{"name": ',
    });
    const error = expectEnvelope(res, 400);
    expect(error.code).toBe(validationCodeFor(meta, "invalid_format"));
    expect(error.param).toBeNull();
  });

  it.each(bodyOps)("$operationId: a body over json_body_bytes → 413 request_too_large", async (meta) => {
    const url = meta.path.replace("{id}", CHAR_ID);
    const payload = JSON.stringify({ name: "x".repeat(65_536) });
    const res = await app.inject({
      method: meta.httpMethod,
      url,
      headers: { ...AUTH, "content-type": "application/json" },
      payload,
    });
    const error = expectEnvelope(res, 413);
    expect(error).toMatchObject({ type: "invalid_request", code: "request_too_large", param: null });
    expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
  });

  it("a body just under the limit is read (and then validated)", async () => {
    const payload = JSON.stringify({ name: "x".repeat(65_000) });
    const res = await app.inject({
      method: "POST",
      url: "/v1/characters",
      headers: { ...AUTH, "content-type": "application/json" },
      payload,
    });
    expect(expectEnvelope(res, 400)).toMatchObject({ code: "value_out_of_range", param: "name" });
  });

  it.each([
    ["text/plain", "createCharacter", "/v1/characters", "invalid_format"],
    ["application/xml", "createCharacter", "/v1/characters", "invalid_format"],
    ["text/plain", "updateCharacter", C, "invalid_request"],
    ["application/x-www-form-urlencoded", "regenerateCharacterRef", `${C}/refs/regenerate`, "invalid_request_error"],
  ] as const)("unsupported Content-Type %s on %s → 400 %s", async (contentType, operationId, url, code) => {
    const res = await app.inject({
      method: operations[operationId].httpMethod,
      url,
      headers: { ...AUTH, "content-type": contentType },
      payload: "name=A",
    });
    const error = expectEnvelope(res, 400);
    expect(error.code).toBe(code);
    expect(documented400(operations[operationId])).toContain(code);
  });

  it("an optional body may be absent or empty (resynthesize)", async () => {
    const none = await app.inject({ method: "POST", url: `${C}/resynthesize`, headers: AUTH });
    expect(none.statusCode).toBe(200);
    const empty = await app.inject({
      method: "POST",
      url: `${C}/resynthesize`,
      headers: { ...AUTH, "content-type": "application/json" },
      payload: "",
    });
    expect(empty.statusCode).toBe(200);
  });

  it("applies query defaults and coerces query types for the handler", async () => {
    let seen: unknown;
    const local = server({
      implementation: (await import("./helpers.js")).implementation({
        listCharacters: (req) => {
          seen = req.query;
          return { status: 200, body: { object: "list", data: [], has_more: false, next_cursor: null } };
        },
      }),
    });
    await local.inject({ method: "GET", url: "/v1/characters?status=ready", headers: AUTH });
    expect(seen).toEqual({ status: "ready", limit: 20 });
    await local.inject({ method: "GET", url: "/v1/characters?limit=5", headers: AUTH });
    expect(seen).toEqual({ limit: 5 });
    await local.close();
  });
});

describe("unknown routes and malformed requests", () => {
  it.each([
    ["GET", "/v1/unknown"],
    ["PUT", "/v1/characters"],
    ["POST", `/v1/characters/${CHAR_ID}`],
    ["GET", "/"],
  ] as const)("%s %s → 404 resource_not_found envelope", async (method, url) => {
    const res = await app.inject({ method, url, headers: AUTH });
    const error = expectEnvelope(res, 404);
    expect(error).toMatchObject({ type: "not_found", code: "resource_not_found", param: null });
    expect(res.headers["aurous-version"]).toBe("2026-05-15");
  });

  it("a malformed URL still gets an envelope", async () => {
    const res = await app.inject({ method: "GET", url: "/v1/characters/%E0%A4%A", headers: AUTH });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expectEnvelope(res, res.statusCode);
  });

  it("an undecodable path parameter: an id names nothing (404), a number is invalid (400)", async () => {
    const id = await app.inject({ method: "GET", url: "/v1/images/%zz/output/0", headers: AUTH });
    expect(expectEnvelope(id, 404)).toMatchObject({ code: "resource_not_found", param: "id" });
    const n = await app.inject({ method: "GET", url: `/v1/images/${IMAGE_ID}/output/%zz`, headers: AUTH });
    expect(expectEnvelope(n, 400)).toMatchObject({ code: "invalid_format", param: "n" });
  });

  it("the handler gets a number in the path as a number", async () => {
    let seen: unknown;
    const local = server({
      implementation: implementation({
        getImageOutput: (req) => {
          seen = req.params;
          return req.fail(404, "resource_not_found", "No such output.", "n");
        },
      }),
    });
    await local.inject({ method: "GET", url: `/v1/images/${IMAGE_ID}/output/15`, headers: AUTH });
    expect(seen).toEqual({ id: IMAGE_ID, n: 15 });
    // Only plain decimals are numbers on the wire: not 0x1, 1e1 or 01.
    for (const n of ["0x1", "1e1", "01", "-1", "16"]) {
      const res = await local.inject({ method: "GET", url: `/v1/images/${IMAGE_ID}/output/${n}`, headers: AUTH });
      expect(`${n} ${res.statusCode} ${res.json().error.code} ${res.json().error.param}`).toBe(
        `${n} 400 invalid_format n`,
      );
    }
    await local.close();
  });

  it("prototype-poisoning JSON is refused as malformed", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/v1/characters",
      headers: { ...AUTH, "content-type": "application/json" },
      payload: '{"name":"A","__proto__":{"x":1}}',
    });
    expect(expectEnvelope(res, 400).code).toBe("invalid_format");
  });
});

describe("formats", () => {
  it("every format the spec uses is one the runtime checks or knows to be an annotation", async () => {
    const { ANNOTATION_FORMATS, CHECKED_FORMATS } = await import("../src/runtime/schemas.js");
    const { componentSchemas } = await import("../src/generated/operations.gen.js");
    const used = new Set<string>();
    const walk = (node: unknown) => {
      if (Array.isArray(node)) for (const item of node) walk(item);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "format" && typeof value === "string") used.add(value);
          else walk(value);
        }
      }
    };
    walk(componentSchemas);
    walk(Object.values(operations));
    const known = new Set<string>([...CHECKED_FORMATS, ...ANNOTATION_FORMATS]);
    expect([...used].filter((f) => !known.has(f))).toEqual([]);
    expect(used.has("email")).toBe(true);
  });
});
