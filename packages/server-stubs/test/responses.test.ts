// What handlers return: documented results pass, off-spec results become a logged 500 when
// response validation is on, thrown errors never leak.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ApiFailure, type ErrorReport, type Implementation, operations } from "../src/index.js";
import {
  buildResponse,
  compileResponseValidators,
  OffSpecResponse,
  type ResponseValidators,
} from "../src/runtime/responses.js";
import { createSchemaCompiler } from "../src/runtime/schemas.js";
import { AUTH, CHAR_ID, character, implementation, server } from "./helpers.js";

const GET = `/v1/characters/${CHAR_ID}`;
const reports: Array<{ error: unknown; report: ErrorReport }> = [];
const opened: Array<{ close(): Promise<unknown> }> = [];

function appWith(overrides: Partial<Implementation>, validateResponses?: boolean) {
  const app = server({
    implementation: implementation(overrides),
    onError: (error, report) => reports.push({ error, report }),
    ...(validateResponses === undefined ? { validateResponses: undefined } : { validateResponses }),
  });
  opened.push(app);
  return app;
}
afterEach(() => {
  reports.length = 0;
});
afterAll(async () => {
  await Promise.all(opened.map((a) => a.close()));
});

function expectInternal(res: { statusCode: number; json(): any; headers: Record<string, unknown> }) {
  expect(res.statusCode).toBe(500);
  expect(res.json().error).toMatchObject({ type: "server_error", code: "internal_error", param: null });
  expect(res.json().error.request_id).toBe(res.headers["aurous-request-id"]);
}

describe("response validation (on)", () => {
  it("passes a documented error with its type, doc_url and request id", async () => {
    const app = appWith({
      getCharacter: (req) => req.fail(404, "resource_not_found", "No character with this id.", "id"),
    });
    const res = await app.inject({ method: "GET", url: GET, headers: AUTH });
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
    expect(reports).toHaveLength(0);
  });

  it("an undocumented status → 500 internal_error, reported", async () => {
    const app = appWith({ getCharacter: () => ({ status: 201, body: character() }) as never });
    const res = await app.inject({ method: "GET", url: GET, headers: AUTH });
    expectInternal(res);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.report).toMatchObject({ reason: "off_spec_response", operationId: "getCharacter" });
    expect(String(reports[0]!.error)).toContain("status not documented");
  });

  it("an undocumented code for the status → 500", async () => {
    const app = appWith({
      getCharacter: () => ({ status: 404, error: { code: "invalid_format", message: "x" } }) as never,
    });
    expectInternal(await app.inject({ method: "GET", url: GET, headers: AUTH }));
    expect(String(reports[0]!.error)).toContain("code invalid_format not documented");
  });

  it("a body that does not match the schema → 500", async () => {
    const { refs: _refs, ...incomplete } = character();
    const app = appWith({ getCharacter: () => ({ status: 200, body: incomplete }) as never });
    expectInternal(await app.inject({ method: "GET", url: GET, headers: AUTH }));
    expect(reports[0]!.report.reason).toBe("off_spec_response");
  });

  it("an error message the envelope schema forbids (control characters) → 500", async () => {
    const app = appWith({ getCharacter: (req) => req.fail(404, "resource_not_found", "bad\u0001message") });
    expectInternal(await app.inject({ method: "GET", url: GET, headers: AUTH }));
  });

  it("a thrown Error → 500 without details or stack; reported as handler_threw", async () => {
    const app = appWith({
      getCharacter: () => {
        throw new Error("database password is hunter2");
      },
    });
    const res = await app.inject({ method: "GET", url: GET, headers: AUTH });
    expectInternal(res);
    expect(res.body).not.toContain("hunter2");
    expect(res.body).not.toMatch(/at .*\.ts/);
    expect(reports[0]!.report.reason).toBe("handler_threw");
  });

  it("a thrown ApiFailure answers as documented; an undocumented one becomes 500", async () => {
    const app = appWith({
      getCharacter: (req) => {
        throw req.params.id.endsWith("R")
          ? new ApiFailure(404, "resource_not_found", "Gone.", "id")
          : new ApiFailure(409, "idempotency_key_in_use", "x");
      },
    });
    const res = await app.inject({ method: "GET", url: GET, headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: "resource_not_found", message: "Gone.", param: "id" });
    expectInternal(await app.inject({ method: "GET", url: GET.replace(/R$/, "S"), headers: AUTH }));
  });

  it("a 204 without body is sent empty (storage op) and success headers stay the runtime's", async () => {
    const app = appWith({
      deleteCharacter: (req) => ({ status: 200, body: { id: req.params.id, object: "character", deleted: true } }),
    });
    const res = await app.inject({ method: "DELETE", url: GET, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: CHAR_ID, object: "character", deleted: true });
    expect(res.headers["aurous-version"]).toBe("2026-05-15");
  });
});

describe("response validation switch", () => {
  it("off: a body its serializer cannot write is sent as returned, and flagged (see serializers.test.ts)", async () => {
    const { refs: _refs, ...incomplete } = character();
    const app = appWith({ getCharacter: () => ({ status: 200, body: incomplete }) as never }, false);
    const res = await app.inject({ method: "GET", url: GET, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.json().refs).toBeUndefined();
    expect(reports.map((r) => r.report.reason)).toEqual(["off_spec_response"]);
  });

  it("defaults to off when NODE_ENV=production and on otherwise", async () => {
    const { refs: _refs, ...incomplete } = character();
    const broken = { getCharacter: () => ({ status: 200, body: incomplete }) as never };
    vi.stubEnv("NODE_ENV", "production");
    try {
      const prod = appWith(broken);
      expect((await prod.inject({ method: "GET", url: GET, headers: AUTH })).statusCode).toBe(200);
    } finally {
      vi.unstubAllEnvs();
    }
    vi.stubEnv("NODE_ENV", "development");
    try {
      const dev = appWith(broken);
      expect((await dev.inject({ method: "GET", url: GET, headers: AUTH })).statusCode).toBe(500);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("server lifecycle", () => {
  it("refuses an implementation that lacks handlers", () => {
    const { getCharacter: _g, ...partial } = implementation();
    expect(() => server({ implementation: partial as never })).toThrow(/lacks handlers for getCharacter/);
  });

  it("lets the implementation add its own routes and closes gracefully, finishing in-flight requests", async () => {
    let release!: () => void;
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    const app = appWith({
      getCharacter: async () => {
        entered();
        await new Promise<void>((r) => (release = r));
        return { status: 200, body: character() };
      },
    });
    app.get("/healthz", async () => ({ ok: true }));
    expect((await app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ ok: true });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as { port: number };
    const pending = fetch(`http://127.0.0.1:${port}${GET}`, { headers: AUTH });
    await inHandler;
    const closing = app.close();
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    await closing;
    expect(app.server.listening).toBe(false);
  });

  it("passes its log through the logger hook", async () => {
    const lines: string[] = [];
    const { default: pino } = await import("pino");
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    const app = server({
      logger,
      implementation: implementation({
        getCharacter: (req) => {
          req.log.info({ id: req.params.id }, "handler ran");
          throw new Error("boom");
        },
      }),
    });
    opened.push(app);
    await app.inject({ method: "GET", url: GET, headers: AUTH });
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      parsed.some((l) => l.msg === "handler ran" && typeof l.reqId === "string" && String(l.reqId).startsWith("req_")),
    ).toBe(true);
    expect(parsed.some((l) => l.level === 50 && l.operationId === "getCharacter")).toBe(true);
  });
});

describe("buildResponse", () => {
  const meta = operations.getCharacter;
  const validators = compileResponseValidators(meta, createSchemaCompiler());
  const offSpec = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(OffSpecResponse);
      return e as OffSpecResponse;
    }
    throw new Error("expected OffSpecResponse");
  };

  it("OffSpecResponse names the operation, status and detail", () => {
    const e = new OffSpecResponse("getCharacter", 418, "status not documented");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("OffSpecResponse");
    expect(e.message).toBe("getCharacter answered off-spec (418): status not documented");
    expect([e.operationId, e.status]).toEqual(["getCharacter", 418]);
  });

  it("validation on: an error on an undocumented status is refused, saying so", () => {
    const e = offSpec(() =>
      buildResponse(meta, { status: 418, error: { code: "teapot", message: "short and stout" } }, "req_1", validators),
    );
    expect(e.message).toBe("getCharacter answered off-spec (418): status not documented");
  });

  it("validation off: an undocumented status (error or success) is built as returned", () => {
    expect(
      buildResponse(meta, { status: 418, error: { code: "teapot", message: "short and stout" } }, "req_1", null),
    ).toEqual({
      status: 418,
      body: {
        error: {
          type: expect.any(String),
          code: "teapot",
          message: "short and stout",
          param: null,
          doc_url: expect.stringContaining("teapot"),
          request_id: "req_1",
        },
      },
      headers: undefined,
    });
    expect(buildResponse(meta, { status: 299, body: { odd: true }, headers: { "X-A": "1" } }, "req_2", null)).toEqual({
      status: 299,
      body: { odd: true },
      headers: { "X-A": "1" },
    });
  });

  it("an off-spec body is reported with the failing location and Ajv's message", () => {
    const nested = offSpec(() =>
      buildResponse(
        meta,
        { status: 200, body: { ...character(), attributes: { gender: "female", age: "x" } } },
        "r",
        validators,
      ),
    );
    expect(nested.message).toMatch(/^getCharacter answered off-spec \(200\): body \/attributes\S* must /);
    const root = offSpec(() => buildResponse(meta, { status: 200, body: "not an object" }, "r", validators));
    expect(root.message).toMatch(/^getCharacter answered off-spec \(200\): body \/ must be object$/);
  });

  it("a validator without errors still gives a readable detail", () => {
    const bare = Object.assign(() => false, { errors: null }) as unknown as NonNullable<
      ReturnType<ResponseValidators["get"]>
    >;
    const e = offSpec(() => buildResponse(meta, { status: 200, body: {} }, "r", new Map([["200", bare]])));
    expect(e.message).toBe("getCharacter answered off-spec (200): body / invalid");
    const noMessage = Object.assign(() => false, { errors: [{ instancePath: "/x" }] }) as unknown as typeof bare;
    const f = offSpec(() => buildResponse(meta, { status: 200, body: {} }, "r", new Map([["200", noMessage]])));
    expect(f.message).toBe("getCharacter answered off-spec (200): body /x invalid");
  });
});
