// Version-change modules against a bundle with two more (synthetic) releases (see version-world.ts):
// handlers speak the newest release, callers pinned earlier send and receive their own shapes.
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type * as Generated from "../src/generated/operations.gen.js";
import {
  ApiFailure,
  type ApiOperationId,
  type AuthContext,
  componentSchemas,
  type ErrorReport,
  type Implementation,
  type VersionChange,
  VersionChangeError,
} from "../src/index.js";
import { CHAR_ID, character, implementation, server, UPLOAD_ID } from "./helpers.js";
import { type NextCharacter, V_FIRST, V_KEEP_CASE, V_RENAME } from "./version-world.js";

vi.mock("../src/generated/operations.gen.js", async (importOriginal) => {
  const { nextBundle } = await import("./version-world.js");
  return nextBundle(await importOriginal<typeof Generated>());
});

// ---- the fixture changes --------------------------------------------------------------------

const CHARACTER_OPS: ApiOperationId[] = [
  "createCharacter",
  "getCharacter",
  "listCharacters",
  "updateCharacter",
  "saveCharacter",
  "regenerateCharacterRef",
  "resynthesizeCharacter",
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Applies `fn` to the character(s) of a response body: one Character or a list page of them. */
function eachCharacter(body: unknown, fn: (c: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!isRecord(body)) return body;
  if (body.object === "list" && Array.isArray(body.data))
    return { ...body, data: body.data.map((c) => (isRecord(c) ? fn(c) : c)) };
  return body.object === "character" && !("deleted" in body) ? fn(body) : body;
}

const renameName: VersionChange = {
  version: V_RENAME,
  description: "Character `name` is renamed `display_name`.",
  operations: CHARACTER_OPS,
  request: ({ body }) => {
    if (!isRecord(body)) return; // not an object: request validation refuses it
    // The old contract has no display_name: refuse it rather than let the newest contract accept it.
    if ("display_name" in body)
      throw new ApiFailure(400, "invalid_format", "display_name is not a recognised field.", "display_name");
    if (!("name" in body)) return;
    const { name, ...rest } = body;
    return { body: { ...rest, display_name: name } };
  },
  response: ({ body }) => eachCharacter(body, ({ display_name, ...rest }) => ({ ...rest, name: display_name })),
  // Validation errors speak the newest names; old pins get theirs back.
  error: ({ error }) =>
    error.param === "display_name"
      ? { ...error, param: "name", message: error.message.replaceAll("display_name", "name") }
      : undefined,
};

const keepCase: VersionChange = {
  version: V_KEEP_CASE,
  description: "`display_name` keeps the case it was sent in; earlier versions upper-case it on write and read.",
  operations: CHARACTER_OPS,
  // Both hooks mutate in place (and return nothing), which the runtime must make safe.
  request: (ctx) => {
    if (isRecord(ctx.body) && typeof ctx.body.display_name === "string")
      ctx.body.display_name = ctx.body.display_name.toUpperCase();
  },
  response: (ctx) => {
    eachCharacter(ctx.body, (c) => {
      c.display_name = String(c.display_name).toUpperCase();
      return c;
    });
  },
};

// ---- the newest-release implementation ------------------------------------------------------

function nextCharacter(display_name: string, id = CHAR_ID): NextCharacter {
  const { name: _name, ...rest } = character({ id });
  return { ...rest, display_name };
}

const stored = nextCharacter("Aurora");
const seenBodies: unknown[] = [];
let handlerCalls = 0;

// The generated types describe the real bundle (with `name`), hence the one cast at this boundary.
const newest = {
  createCharacter: (req: { body: { display_name: string } }) => {
    handlerCalls++;
    seenBodies.push(req.body);
    return { status: 201, body: nextCharacter(req.body.display_name) };
  },
  getCharacter: (req: { params: { id: string }; fail: (...a: unknown[]) => unknown }) =>
    req.params.id === CHAR_ID
      ? { status: 200, body: stored }
      : req.fail(404, "resource_not_found", "No character with this id.", "id"),
  listCharacters: () => ({
    status: 200,
    body: {
      object: "list",
      data: [stored, nextCharacter("Borealis", CHAR_ID.replace(/R$/, "S"))],
      has_more: false,
      next_cursor: null,
    },
  }),
} as unknown as Partial<Implementation>;

const KEYS: Record<string, AuthContext> = {
  key_full: { teamId: "team_a", scope: "full" },
  key_old_team: { teamId: "team_b", scope: "full", defaultVersion: "2026-06-30" },
};

const reports: Array<{ error: unknown; report: ErrorReport }> = [];
const opened: FastifyInstance[] = [];

function app(
  versionChanges: readonly VersionChange[] = [renameName, keepCase],
  overrides: Partial<Implementation> = {},
) {
  const instance = server({
    implementation: implementation({ ...newest, ...overrides }),
    authenticate: (key) => KEYS[key] ?? null,
    versionChanges,
    onError: (error, report) => reports.push({ error, report }),
  });
  opened.push(instance);
  return instance;
}

afterEach(() => {
  reports.length = 0;
  seenBodies.length = 0;
  handlerCalls = 0;
});
afterAll(async () => {
  await Promise.all(opened.map((a) => a.close()));
});

const GET = `/v1/characters/${CHAR_ID}`;
const pinned = (pin?: string, key = "key_full") => ({ "x-api-key": key, ...(pin ? { "aurous-version": pin } : {}) });
const get = (a: FastifyInstance, pin?: string, url = GET) => a.inject({ method: "GET", url, headers: pinned(pin) });
const create = (a: FastifyInstance, payload: unknown, pin?: string, headers: Record<string, string> = {}) =>
  a.inject({
    method: "POST",
    url: "/v1/characters",
    headers: { ...pinned(pin), ...headers },
    payload: payload as object,
  });

// The real bundle's schemas are the 2026-05-15 contract; the mocked ones are the newest.
function contract(schemas: Readonly<Record<string, unknown>>) {
  const ajv = new Ajv2020({ strict: false });
  ajvFormats.default(ajv, ["date-time", "uri"]);
  for (const f of ["int32", "int64", "double", "float", "binary"]) ajv.addFormat(f, true);
  ajv.addSchema({ $id: "spec", components: { schemas } });
  return (name: string, data: unknown) => ajv.getSchema(`spec#/components/schemas/${name}`)!(data);
}
const real = await vi.importActual<typeof Generated>("../src/generated/operations.gen.js");
const oldContract = contract(real.componentSchemas);
const newestContract = contract(componentSchemas);

// ---- tests ------------------------------------------------------------------------------------

describe("the fixture world", () => {
  it("the old and the newest contracts disagree on the name field", () => {
    const { display_name, ...rest } = stored;
    expect(newestContract("Character", stored)).toBe(true);
    expect(oldContract("Character", stored)).toBe(false);
    expect(oldContract("Character", { ...rest, name: display_name })).toBe(true);
  });
});

describe("pin resolution across releases", () => {
  const a = app();
  it.each([
    ["2026-05-15", V_FIRST],
    ["2020-01-01", V_FIRST], // before the first release → the first
    ["2026-08-31", V_FIRST], // between two releases → the older
    ["2026-09-01", V_RENAME],
    ["2026-10-15", V_RENAME],
    ["2026-11-01", V_KEEP_CASE],
  ])("pin %s → %s, echoed and shaping the response", async (pin, applied) => {
    const res = await get(a, pin);
    expect(res.statusCode).toBe(200);
    expect(res.headers["aurous-version"]).toBe(applied);
    expect(Object.keys(res.json())).toContain(applied === V_FIRST ? "name" : "display_name");
  });

  it("a date after the newest release → 400 unknown_version naming the newest", async () => {
    const res = await get(a, "2026-11-02");
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "unknown_version", param: "Aurous-Version" });
    expect(res.json().error.message).toContain(V_KEEP_CASE);
    expect(res.headers["aurous-version"]).toBe(V_KEEP_CASE);
  });

  it("without a pin: the newest, or the team's default resolved like a pin; a pin beats the default", async () => {
    const plain = await get(a);
    expect(plain.headers["aurous-version"]).toBe(V_KEEP_CASE);
    expect(plain.json().display_name).toBe("Aurora");

    const team = await a.inject({ method: "GET", url: GET, headers: pinned(undefined, "key_old_team") });
    expect(team.headers["aurous-version"]).toBe(V_FIRST);
    expect(team.json().name).toBe("AURORA");

    const override = await a.inject({ method: "GET", url: GET, headers: pinned(V_KEEP_CASE, "key_old_team") });
    expect(override.headers["aurous-version"]).toBe(V_KEEP_CASE);
    expect(override.json().display_name).toBe("Aurora");
  });
});

describe("request upgrade (before validation and the handler)", () => {
  const a = app();
  it.each([
    [V_FIRST, { name: "Aurora" }, "AURORA"], // rename, then upper-case
    [V_RENAME, { display_name: "Aurora" }, "AURORA"], // upper-case only
    [V_KEEP_CASE, { display_name: "Aurora" }, "Aurora"], // nothing applies
  ])("pinned %s, sending %j → the handler sees display_name %s", async (pin, fields, expected) => {
    const res = await create(a, { ...fields, upload_ids: [UPLOAD_ID] }, pin);
    expect(res.statusCode).toBe(201);
    expect(seenBodies).toEqual([{ display_name: expected, upload_ids: [UPLOAD_ID] }]);
  });
});

describe("response downgrade (after response validation)", () => {
  const a = app();
  it("old pins receive the old shape, which matches the old contract", async () => {
    const old = (await get(a, V_FIRST)).json();
    expect(old.name).toBe("AURORA");
    expect(old).not.toHaveProperty("display_name");
    expect(oldContract("Character", old)).toBe(true);
    expect(newestContract("Character", old)).toBe(false);

    const middle = (await get(a, V_RENAME)).json();
    expect(middle.display_name).toBe("AURORA");
    expect(newestContract("Character", middle)).toBe(true);

    expect((await get(a, V_KEEP_CASE)).json()).toEqual(stored);
  });

  it("downgrades every item of a list", async () => {
    const res = await get(a, V_FIRST, "/v1/characters");
    expect(res.json().data.map((c: { name: string }) => c.name)).toEqual(["AURORA", "BOREALIS"]);
    expect(oldContract("CharacterList", res.json())).toBe(true);
  });

  it("works on a copy: an in-place downgrade never reaches the handler's own objects", async () => {
    await get(a, V_RENAME); // keepCase upper-cases ctx.body in place
    expect(stored.display_name).toBe("Aurora");
    expect((await get(a, V_KEEP_CASE)).json().display_name).toBe("Aurora");
  });

  it("validates the newest shape: a handler answering in an old shape is off-spec for every pin", async () => {
    const stale = app(undefined, { getCharacter: () => ({ status: 200, body: character() }) });
    for (const pin of [V_FIRST, V_KEEP_CASE]) {
      const res = await get(stale, pin);
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe("internal_error");
    }
    expect(reports.map((r) => r.report.reason)).toEqual(["off_spec_response", "off_spec_response"]);
  });
});

describe("errors", () => {
  const a = app();
  it("validation errors name the caller's fields", async () => {
    const old = await create(a, { upload_ids: [UPLOAD_ID] }, V_FIRST);
    expect(old.statusCode).toBe(400);
    expect(old.json().error).toMatchObject({ code: "missing_field", param: "name", message: "name is required." });

    const tooLong = await create(a, { name: "x".repeat(101), upload_ids: [UPLOAD_ID] }, V_FIRST);
    expect(tooLong.json().error).toMatchObject({ code: "value_out_of_range", param: "name" });

    const newer = await create(a, { upload_ids: [UPLOAD_ID] }, V_KEEP_CASE);
    expect(newer.json().error).toMatchObject({ code: "missing_field", param: "display_name" });
  });

  it("a change may refuse what the old contract lacks; its error is not downgraded by itself", async () => {
    const res = await create(a, { name: "Aurora", display_name: "Aurora" }, V_FIRST);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: "invalid_format",
      param: "display_name",
      message: "display_name is not a recognised field.",
    });
    expect(res.headers["x-ratelimit-limit"]).toBeUndefined(); // refused before the bucket is drawn
    expect(handlerCalls).toBe(0);
  });

  it("other errors pass through untouched", async () => {
    const res = await get(a, V_FIRST, GET.replace(/R$/, "S"));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: {
        type: "not_found",
        code: "resource_not_found",
        message: "No character with this id.",
        param: "id",
        doc_url: "https://docs.aurous-labs.com/errors#resource_not_found",
        request_id: res.headers["aurous-request-id"],
      },
    });
  });
});

describe("ordering", () => {
  it("sorts changes by release: the declared order newest-first gives the same answers", async () => {
    // Applied the other way round, a 2026-05-15 caller would get "Aurora" both ways.
    const a = app([keepCase, renameName]);
    await create(a, { name: "Aurora", upload_ids: [UPLOAD_ID] }, V_FIRST);
    expect(seenBodies).toEqual([{ display_name: "AURORA", upload_ids: [UPLOAD_ID] }]);
    expect((await get(a, V_FIRST)).json().name).toBe("AURORA");
  });

  it("changes of one release run in declared order (requests) and in reverse (responses, errors)", async () => {
    const trace: string[] = [];
    const tracer = (label: string): VersionChange => ({
      version: V_RENAME,
      description: `tracer ${label}`,
      request: () => void trace.push(`request ${label}`),
      response: () => void trace.push(`response ${label}`),
      error: () => void trace.push(`error ${label}`),
    });
    const a = app([renameName, tracer("A"), tracer("B")]);
    await get(a, V_FIRST);
    expect(trace).toEqual(["request A", "request B", "response B", "response A"]);
    trace.length = 0;
    await get(a, V_FIRST, GET.replace(/R$/, "S"));
    expect(trace).toEqual(["request A", "request B", "error B", "error A"]);
    trace.length = 0;
    await get(a, V_RENAME); // only changes after the pin apply
    expect(trace).toEqual([]);
  });

  it("`operations` limits a change to the operations it names", async () => {
    const marker: VersionChange = {
      version: V_RENAME,
      description: "marks getCharacter answers",
      operations: ["getCharacter"],
      response: ({ body }) => ({ ...(body as object), marked: true }),
    };
    const a = app([marker]);
    expect((await get(a, V_FIRST)).json().marked).toBe(true);
    expect((await get(a, V_FIRST, "/v1/characters")).json()).not.toHaveProperty("marked");
  });
});

describe("idempotency across pins", () => {
  it("fingerprints the upgraded request and replays in the shape of the replaying pin", async () => {
    const a = app();
    const key = { "idempotency-key": "create-aurora-1" };
    const first = await create(a, { name: "aurora", upload_ids: [UPLOAD_ID] }, V_FIRST, key);
    expect(first.json().name).toBe("AURORA");
    // The same request in newest terms (the old pin's upgrade upper-cased the name).
    const replay = await create(a, { display_name: "AURORA", upload_ids: [UPLOAD_ID] }, V_KEEP_CASE, key);
    expect(replay.headers["aurous-idempotent-replayed"]).toBe("true");
    expect(replay.json()).toEqual({ ...first.json(), name: undefined, display_name: "AURORA" });
    expect(handlerCalls).toBe(1);
  });
});

describe("a change that throws", () => {
  const boom = (phase: "request" | "response"): VersionChange => ({
    version: V_RENAME,
    description: `broken ${phase}`,
    [phase]: () => {
      throw new TypeError("cannot read display_name");
    },
  });

  it.each(["request", "response"] as const)(
    "in its %s hook → 500 internal_error, reported as version_change_threw",
    async (phase) => {
      const a = app([boom(phase)]);
      const res = await create(a, { display_name: "Aurora", upload_ids: [UPLOAD_ID] }, V_FIRST); // no rename in this list
      expect(res.headers["aurous-version"]).toBe(V_FIRST);
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe("internal_error");
      expect(res.body).not.toContain("display_name");
      expect(handlerCalls).toBe(phase === "request" ? 0 : 1);
      expect(reports).toHaveLength(1);
      expect(reports[0]!.report).toMatchObject({ reason: "version_change_threw", operationId: "createCharacter" });
      const error = reports[0]!.error as VersionChangeError;
      expect(error).toBeInstanceOf(VersionChangeError);
      expect(error.phase).toBe(phase);
      expect(error.message).toContain(`broken ${phase}`);
      expect(error.cause).toBeInstanceOf(TypeError);
      // The newest pin is not affected.
      expect((await create(a, { display_name: "Aurora", upload_ids: [UPLOAD_ID] }, V_KEEP_CASE)).statusCode).toBe(201);
    },
  );
});

describe("startup checks", () => {
  it.each([
    [
      { version: "2026-10-01" },
      /versionChanges\[0\] \(x\): version "2026-10-01" is not a released version \(x-aurous-versions: 2026-11-01, 2026-09-01, 2026-05-15\)/,
    ],
    [{ version: V_FIRST }, /2026-05-15 is the first release; there is no older version to transform to/],
    [{ operations: ["getCharacters"] }, /unknown API operation "getCharacters"/],
    [{ operations: ["uploadCharacterImage"] }, /unknown API operation "uploadCharacterImage"/], // no version on the storage host
    [{ description: "" }, /versionChanges\[0\]: needs a description/],
    [{ response: "rename" }, /response must be a function/],
  ])("refuses %j", (patch, message) => {
    const change = { version: V_RENAME, description: "x", ...patch } as unknown as VersionChange;
    expect(() => app([change])).toThrow(message);
  });
});
