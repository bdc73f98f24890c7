// Compile-time guarantees of the handler contract. Every `@ts-expect-error` below must be an
// error: tsc (lint) and vitest's typecheck fail if one of them starts compiling.
import { describe, expectTypeOf, it } from "vitest";
import {
  type Character,
  type CompleteImplementation,
  type ErrorCodeOf,
  fail,
  failFor,
  type Handler,
  type HandlerResult,
  type Implementation,
  type UploadCheck,
  type VersionChange,
} from "../../src/index.js";

declare const character: Character;

describe("handler results", () => {
  it("accepts documented statuses, bodies and codes", () => {
    const get: Handler<"getCharacter"> = async (req) => {
      if (req.params.id === "x")
        return { status: 404, error: { code: "resource_not_found", message: "no", param: "character_id" } };
      if (req.params.id === "y") return req.fail(400, "unknown_version", "bad pin", "Aurous-Version");
      // @ts-expect-error ids are never format-checked: getCharacter documents no invalid_format
      if (req.params.id === "z") return req.fail(400, "invalid_format", "bad id", "id");
      return { status: 200, body: character };
    };
    const create: Handler<"createCharacter"> = (req) =>
      req.body.generate ? req.fail(402, "insufficient_credits", "top up") : { status: 201, body: character };
    const upload: Handler<"uploadCharacterImage"> = (req) =>
      req.body.length === 0 ? req.fail(400, "upload_content_invalid", "empty") : { status: 204 };
    expectTypeOf(get).toBeFunction();
    expectTypeOf(create).toBeFunction();
    expectTypeOf(upload).toBeFunction();
  });

  it("rejects an undocumented status", () => {
    // @ts-expect-error 201 is not documented for getCharacter
    const a: Handler<"getCharacter"> = async () => ({ status: 201, body: character });
    // @ts-expect-error 418 is documented nowhere
    const b: HandlerResult<"deleteCharacter"> = { status: 418, error: { code: "internal_error", message: "x" } };
    // @ts-expect-error listCharacters documents no 404
    const c: HandlerResult<"listCharacters"> = { status: 404, error: { code: "resource_not_found", message: "x" } };
    void [a, b, c];
  });

  it("rejects a code not documented for the status", () => {
    // @ts-expect-error invalid_format is documented at 400, not 404
    const a: Handler<"getCharacter"> = async () => ({ status: 404, error: { code: "invalid_format", message: "x" } });
    const b: HandlerResult<"regenerateCharacterRef"> = {
      status: 429,
      // @ts-expect-error regenerate's 429 is rate_limit_exceeded, not too_many_requests
      error: { code: "too_many_requests", message: "x" },
    };
    // @ts-expect-error updateCharacter's validation code is invalid_request
    const c: Handler<"updateCharacter"> = (req) => req.fail(400, "invalid_format", "x");
    // @ts-expect-error not a code at all
    const d = failFor("saveCharacter")(400, "nope", "x");
    // @ts-expect-error 402 is not documented for getCharacter
    const e = fail("getCharacter", 402, "insufficient_credits", "x");
    void [a, b, c, d, e];
  });

  it("rejects a wrong body and undocumented headers", () => {
    // @ts-expect-error the body must be a Character
    const a: HandlerResult<"getCharacter"> = { status: 200, body: { id: "char_x" } };
    // @ts-expect-error runtime-owned and undocumented headers cannot be set
    const b: HandlerResult<"getCharacter"> = { status: 200, body: character, headers: { "X-Custom": "1" } };
    // @ts-expect-error an error needs a message
    const c: HandlerResult<"getCharacter"> = { status: 404, error: { code: "resource_not_found" } };
    void [a, b, c];
  });

  it("types raw-byte answers as bytes in a documented media type", () => {
    const output: Handler<"getImageOutput"> = (req) => {
      expectTypeOf(req.params.n).toEqualTypeOf<number>();
      expectTypeOf(req.query.token).toEqualTypeOf<string | undefined>();
      return req.params.n === 1
        ? { status: 200, body: Buffer.from([1]), headers: { "Content-Type": "image/webp" } }
        : {
            status: 200,
            body: new Uint8Array([1]),
            headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=86400" },
          };
    };
    const blob = new Blob([]);
    const gif = { "Content-Type": "image/gif" } as const;
    // @ts-expect-error bytes, not a Blob (hey-api's browser-side type)
    const a: HandlerResult<"getImageOutput"> = { status: 200, body: blob, headers: { "Content-Type": "image/png" } };
    // @ts-expect-error the media type must be one the spec documents
    const b: HandlerResult<"getImageOutput"> = { status: 200, body: new Uint8Array(), headers: gif };
    // @ts-expect-error among several documented media types, the handler must name one
    const c: HandlerResult<"getImageOutput"> = { status: 200, body: new Uint8Array() };
    // @ts-expect-error JSON answers take no Content-Type
    const d: HandlerResult<"getCharacter"> = { status: 200, body: character, headers: { "Content-Type": "image/png" } };
    expectTypeOf(output).toBeFunction();
    void [a, b, c, d];
  });

  it("types requests from the spec", () => {
    const list: Handler<"listCharacters"> = (req) => {
      expectTypeOf(req.query.limit).toEqualTypeOf<number | undefined>();
      expectTypeOf(req.query.status).toEqualTypeOf<"synthesizing" | "reviewing" | "ready" | "failed" | undefined>();
      expectTypeOf(req.auth.teamId).toBeString();
      return { status: 200, body: { object: "list", data: [], has_more: false, next_cursor: null } };
    };
    const regen: Handler<"regenerateCharacterRef"> = (req) => {
      expectTypeOf(req.body.pose).toEqualTypeOf<"portrait" | "front" | "side" | "back" | "other">();
      expectTypeOf(req.headers["Idempotency-Key"]).toEqualTypeOf<string | undefined>();
      expectTypeOf(req.params.id).toBeString();
      return { status: 200, body: character };
    };
    const resyn: Handler<"resynthesizeCharacter"> = (req) => {
      expectTypeOf(req.body).toEqualTypeOf<{ force_all?: boolean } | undefined>();
      return { status: 200, body: character };
    };
    void [list, regen, resyn];
    expectTypeOf<ErrorCodeOf<"createCharacter", 400>>().toEqualTypeOf<
      | "unknown_version"
      | "missing_field"
      | "invalid_format"
      | "value_out_of_range"
      | "parameter_invalid_combination"
      | "upload_invalid"
    >();
  });

  it("requires a handler for every API operation", () => {
    // @ts-expect-error getCharacter (and the rest) missing
    const partial: Implementation = {
      listCharacters: () => ({ status: 500, error: { code: "internal_error", message: "x" } }),
    };
    void partial;
  });
});

describe("version changes", () => {
  it("name API operations only, and see bodies as unknown (each change sees the previous one's output)", () => {
    const change: VersionChange = {
      version: "2026-09-01",
      description: "rename",
      operations: ["createCharacter", "getCharacter"],
      request: (ctx) => {
        expectTypeOf(ctx.body).toBeUnknown();
        expectTypeOf(ctx.query).toEqualTypeOf<Record<string, unknown>>();
      },
      response: (ctx) => {
        expectTypeOf(ctx.status).toBeNumber();
        return ctx.body;
      },
      error: (ctx) => ({ ...ctx.error, param: null }),
    };
    // @ts-expect-error not an operation
    const unknownOp: VersionChange = { version: "2026-09-01", description: "x", operations: ["getCharacters"] };
    // @ts-expect-error the storage PUT has no Aurous-Version
    const storageOp: VersionChange = { version: "2026-09-01", description: "x", operations: ["uploadCharacterImage"] };
    void [change, unknownOp, storageOp];
  });
});

describe("checkUpload", () => {
  it("refuses with the storage PUT's documented errors only, and sees no body", () => {
    const check: UploadCheck = (req) => {
      if (req.query.signature === "") return req.fail(401, "signature_invalid", "bad signature");
      if (req.query.expires === 0) return { status: 401, error: { code: "upload_url_expired", message: "expired" } };
      return undefined;
    };
    // @ts-expect-error invalid_api_key belongs to the API host, not to the storage PUT
    const apiCode: UploadCheck = () => ({ status: 401, error: { code: "invalid_api_key", message: "no" } });
    // @ts-expect-error a check refuses; it cannot answer the upload's 204 success
    const success: UploadCheck = () => ({ status: 204 });
    // @ts-expect-error the body is not read yet when the check runs
    const body: UploadCheck = (req) => (req.body ? undefined : undefined);
    expectTypeOf(check).toBeFunction();
    expectTypeOf([apiCode, success, body]).toBeArray();
  });
});

describe("implementations", () => {
  it("Implementation leaves signed-URL operations optional; CompleteImplementation requires every operation", () => {
    const apiOnly = {} as Omit<Implementation, "uploadCharacterImage">;
    const partial: Implementation = apiOnly;
    // @ts-expect-error uploadCharacterImage is missing: a complete implementation serves every operation
    const complete: CompleteImplementation = apiOnly;
    void [partial, complete];
  });
});
