// Type tests, checked by `tsc --noEmit` in `pnpm lint`: the error code unions come from the
// contract, so an exhaustive switch per operation compiles and a code the operation does not
// document is a type error.
import { describe, expectTypeOf, it } from "vitest";
import {
  type ApiResult,
  Aurous,
  type AurousApiError,
  type AurousCore,
  type BinaryBody,
  type CallOptions,
  type Character,
  type CharacterList,
  type Classification,
  type ClassifyRequest,
  classifyCharacterUpload,
  type ErrorCode,
  type ErrorStatus,
  getCharacter,
  type IdempotentCallOptions,
  type IdempotentOperationId,
  isApiError,
  type ListCharactersQuery,
  listCharacters,
  type OperationError,
  type ResynthesizeRequest,
  type UpdateCharacterRequest,
  type UploadTicket,
  uploadCharacterImage,
} from "../src/index.js";

const assertNever = (value: never): never => {
  throw new Error(`unhandled ${String(value)}`);
};

describe("per-operation error unions", () => {
  it("regenerateCharacterRef: exhaustive switch, rate_limit_exceeded not too_many_requests", () => {
    const handle = (err: unknown): string => {
      if (!isApiError(err, "regenerateCharacterRef")) return "other";
      switch (err.code) {
        case "unknown_version":
        case "invalid_request_error":
        case "missing_api_key":
        case "invalid_api_key":
        case "revoked_api_key":
        case "insufficient_credits":
        case "missing_scope":
        case "resource_not_found":
        case "idempotency_key_in_use":
        case "request_too_large":
        case "rate_limit_exceeded":
        case "internal_error":
          return err.code;
        // @ts-expect-error regenerate documents rate_limit_exceeded for its 429, not too_many_requests
        case "too_many_requests":
          return "never";
        default:
          return assertNever(err);
      }
    };
    expectTypeOf(handle).returns.toEqualTypeOf<string>();
  });

  it("narrows code and type by status", () => {
    const err = {} as OperationError<"regenerateCharacterRef">;
    if (err.status === 429) {
      expectTypeOf(err.code).toEqualTypeOf<"rate_limit_exceeded">();
      expectTypeOf(err.type).toEqualTypeOf<"rate_limit">();
    }
    if (err.status === 400) expectTypeOf(err.code).toEqualTypeOf<"unknown_version" | "invalid_request_error">();
    expectTypeOf<ErrorStatus<"regenerateCharacterRef">>().toEqualTypeOf<
      400 | 401 | 402 | 403 | 404 | 409 | 413 | 429 | 500
    >();
    expectTypeOf<ErrorCode<"listCharacters", 400>>().toEqualTypeOf<"unknown_version" | "invalid_request">();
    expectTypeOf<ErrorCode<"getCharacter", 404>>().toEqualTypeOf<"resource_not_found">();
    // Ids are never format-checked: an id-only operation's 400 is the version pin alone.
    expectTypeOf<ErrorCode<"getCharacter", 400>>().toEqualTypeOf<"unknown_version">();
    // The 429 code belongs to the bucket: the synthesize bucket's is rate_limit_exceeded wherever it
    // is drawn from; create draws from one bucket per flow, so it documents both.
    expectTypeOf<ErrorCode<"resynthesizeCharacter", 429>>().toEqualTypeOf<"rate_limit_exceeded">();
    expectTypeOf<ErrorCode<"createCharacter", 429>>().toEqualTypeOf<"too_many_requests" | "rate_limit_exceeded">();
    // @ts-expect-error listCharacters documents no 404
    expectTypeOf<ErrorCode<"listCharacters", 404>>().toBeNever();
  });

  it("a wrong code for the status is a type error", () => {
    const err = {} as AurousApiError<"saveCharacter", 400>;
    // @ts-expect-error save spells its state error invalid_request_error, not invalid_request
    if (err.code === "invalid_request") return;
    expectTypeOf(err.code).toEqualTypeOf<"unknown_version" | "invalid_request_error">();
  });

  it("every other operation switches exhaustively too", () => {
    const codes = (err: unknown): string | undefined => {
      if (isApiError(err, "initCharacterUpload")) {
        switch (err.code) {
          case "unknown_version":
          case "missing_field":
          case "invalid_format":
          case "value_out_of_range":
          case "parameter_invalid_combination":
          case "missing_api_key":
          case "invalid_api_key":
          case "revoked_api_key":
          case "missing_scope":
          case "request_too_large":
          case "too_many_requests":
          case "internal_error":
            return err.code;
          default:
            return assertNever(err);
        }
      }
      if (isApiError(err, "uploadCharacterImage")) {
        switch (err.code) {
          case "content_type_mismatch":
          case "upload_content_invalid":
          case "upload_invalid":
          case "signature_invalid":
          case "upload_url_expired":
          case "upload_too_large":
          case "internal_error":
            return err.code;
          // @ts-expect-error the signed PUT never answers with an API-key error
          case "missing_api_key":
            return "never";
          default:
            return assertNever(err);
        }
      }
      if (isApiError(err, "classifyCharacterUpload")) {
        switch (err.code) {
          case "unknown_version":
          case "missing_field":
          case "invalid_format":
          case "upload_invalid":
          case "missing_api_key":
          case "invalid_api_key":
          case "revoked_api_key":
          case "missing_scope":
          case "resource_not_found":
          case "request_too_large":
          case "too_many_requests":
          case "internal_error":
            return err.code;
          default:
            return assertNever(err);
        }
      }
      if (isApiError(err, "listCharacters")) {
        switch (err.code) {
          case "unknown_version":
          case "invalid_request":
          case "missing_api_key":
          case "invalid_api_key":
          case "revoked_api_key":
          case "too_many_requests":
          case "internal_error":
            return err.code;
          default:
            return assertNever(err);
        }
      }
      if (isApiError(err, "createCharacter")) {
        switch (err.code) {
          case "unknown_version":
          case "missing_field":
          case "invalid_format":
          case "value_out_of_range":
          case "parameter_invalid_combination":
          case "upload_invalid":
          case "missing_api_key":
          case "invalid_api_key":
          case "revoked_api_key":
          case "insufficient_credits":
          case "missing_scope":
          case "resource_not_found":
          case "idempotency_key_in_use":
          case "request_too_large":
          case "too_many_requests":
          case "rate_limit_exceeded":
          case "internal_error":
            return err.code;
          default:
            return assertNever(err);
        }
      }
      if (isApiError(err, "getCharacter")) {
        switch (err.code) {
          case "unknown_version":
          case "missing_api_key":
          case "invalid_api_key":
          case "revoked_api_key":
          case "resource_not_found":
          case "too_many_requests":
          case "internal_error":
            return err.code;
          default:
            return assertNever(err);
        }
      }
      if (isApiError(err, "updateCharacter")) {
        switch (err.code) {
          case "unknown_version":
          case "invalid_request":
          case "missing_api_key":
          case "invalid_api_key":
          case "revoked_api_key":
          case "missing_scope":
          case "resource_not_found":
          case "request_too_large":
          case "too_many_requests":
          case "internal_error":
            return err.code;
          default:
            return assertNever(err);
        }
      }
      if (isApiError(err, "deleteCharacter")) {
        switch (err.code) {
          case "unknown_version":
          case "missing_api_key":
          case "invalid_api_key":
          case "revoked_api_key":
          case "missing_scope":
          case "resource_not_found":
          case "request_too_large":
          case "too_many_requests":
          case "internal_error":
            return err.code;
          default:
            return assertNever(err);
        }
      }
      if (isApiError(err, "saveCharacter")) {
        switch (err.code) {
          case "unknown_version":
          case "invalid_request_error":
          case "missing_api_key":
          case "invalid_api_key":
          case "revoked_api_key":
          case "missing_scope":
          case "resource_not_found":
          case "request_too_large":
          case "too_many_requests":
          case "internal_error":
            return err.code;
          default:
            return assertNever(err);
        }
      }
      if (isApiError(err, "resynthesizeCharacter")) {
        switch (err.code) {
          case "unknown_version":
          case "invalid_request_error":
          case "missing_api_key":
          case "invalid_api_key":
          case "revoked_api_key":
          case "insufficient_credits":
          case "missing_scope":
          case "resource_not_found":
          case "idempotency_key_in_use":
          case "request_too_large":
          case "rate_limit_exceeded":
          case "internal_error":
            return err.code;
          default:
            return assertNever(err);
        }
      }
      return undefined;
    };
    expectTypeOf(codes).returns.toEqualTypeOf<string | undefined>();
  });

  it("discriminates any operation error by operation", () => {
    const err = {} as unknown;
    if (isApiError(err) && err.operation === "getCharacter" && err.status === 404) {
      expectTypeOf(err.code).toEqualTypeOf<"resource_not_found">();
    }
  });
});

describe("methods and options", () => {
  const client = new Aurous({ apiKey: "k" });

  it("types results from the generated types", () => {
    expectTypeOf(client.characters.get("char_x")).resolves.toEqualTypeOf<ApiResult<Character>>();
    expectTypeOf(client.characters.list()).resolves.toEqualTypeOf<ApiResult<CharacterList>>();
    expectTypeOf(client.uploads.init).returns.resolves.toEqualTypeOf<ApiResult<UploadTicket>>();
    expectTypeOf(client.characters.listAll()).toEqualTypeOf<AsyncGenerator<Character, void, undefined>>();
  });

  it("offers idempotencyKey only where x-aurous-idempotency.honours_key is true", () => {
    expectTypeOf<IdempotentOperationId>().toEqualTypeOf<
      "createCharacter" | "regenerateCharacterRef" | "resynthesizeCharacter" | "createImage"
    >();
    void client.characters.regenerateRef("char_x", { pose: "front" }, { idempotencyKey: "k1" });
    // @ts-expect-error save does not honour Idempotency-Key
    void client.characters.save("char_x", { idempotencyKey: "k1" });
  });

  it("exposes only what the transport implements", () => {
    expectTypeOf(client.core.http.get).toBeFunction();
    // @ts-expect-error the transport has no interceptors (hey-api's full Client type promised them)
    void client.core.http.interceptors;
  });

  it("checks request bodies", () => {
    // @ts-expect-error pose must be one of the five
    void client.characters.regenerateRef("char_x", { pose: "upside-down" });
    // @ts-expect-error the list cannot be filtered to deleted
    void client.characters.list({ status: "deleted" });
  });

  it("needs one create flow, and attributes for a synthesis (the spec's oneOf)", () => {
    void client.characters.create({ name: "Uploads", upload_ids: ["upl_1"] });
    void client.characters.create({ name: "Synthesis", generate: true, attributes: { gender: "female" } });
    // @ts-expect-error neither flow
    void client.characters.create({ name: "Neither" });
    // @ts-expect-error the synthesize flow without attributes
    void client.characters.create({ name: "No attributes", generate: true });
    // @ts-expect-error generate: false is the upload flow, which needs upload_ids
    void client.characters.create({ name: "False", generate: false });
  });

  it("pairs the upload extension with its content type (the spec's oneOf)", () => {
    void client.uploads.init({ filename: "a.png", extension: "png", content_type: "image/png" });
    // @ts-expect-error a PNG extension with a JPEG content type
    void client.uploads.init({ filename: "a.png", extension: "png", content_type: "image/jpeg" });
  });
});

// The one signature rule of every operation (README, "Calling operations"), checked on a few.
describe("the signature rule", () => {
  const client = new Aurous({ apiKey: "k" });

  it("api-key: path parameters, then the body (required iff the spec requires it), then options", () => {
    expectTypeOf(client.characters.update).parameters.toEqualTypeOf<[string, UpdateCharacterRequest, CallOptions?]>();
    expectTypeOf(client.characters.resynthesize).parameters.toEqualTypeOf<
      [string, ResynthesizeRequest?, IdempotentCallOptions?]
    >();
    expectTypeOf(client.uploads.classify).parameters.toEqualTypeOf<[ClassifyRequest, CallOptions?]>();
    // @ts-expect-error classify takes its JSON body, not a bare upload id
    void client.uploads.classify("upl_1");
    // @ts-expect-error regenerateRef requires its body
    void client.characters.regenerateRef("char_x");
  });

  it("api-key without a body: the query object when there are query parameters, else nothing", () => {
    expectTypeOf(client.characters.list).parameters.toEqualTypeOf<[ListCharactersQuery?, CallOptions?]>();
    expectTypeOf(client.characters.get).parameters.toEqualTypeOf<[string, CallOptions?]>();
  });

  it("standalone functions take the core first, then the same arguments", () => {
    expectTypeOf(getCharacter).parameters.toEqualTypeOf<[AurousCore, string, CallOptions?]>();
    expectTypeOf(listCharacters).parameters.toEqualTypeOf<[AurousCore, ListCharactersQuery?, CallOptions?]>();
    expectTypeOf(classifyCharacterUpload).returns.resolves.toEqualTypeOf<ApiResult<Classification>>();
  });

  it("signed-url: the signed URL, the raw body, then options (headers go in options.headers)", () => {
    expectTypeOf(client.uploads.put).parameters.toEqualTypeOf<[string, BinaryBody, CallOptions?]>();
    expectTypeOf(uploadCharacterImage).parameters.toEqualTypeOf<[AurousCore, string, BinaryBody, CallOptions?]>();
    const ticket = {} as UploadTicket;
    void client.uploads.put(ticket.upload_url, new Uint8Array(1), { headers: ticket.upload_headers });
    // @ts-expect-error the ticket itself is not the URL
    void client.uploads.put(ticket, new Uint8Array(1));
  });
});
