// Type tests of the integrator-facing surface (#19), checked by `tsc --noEmit` in `pnpm lint`.
import { describe, expectTypeOf, it } from "vitest";
import {
  type ApiResult,
  Aurous,
  type AurousCore,
  type AurousError,
  type Character,
  type CharacterList,
  type ClientEventName,
  type ClientHooks,
  createAurous,
  detectImageType,
  type ErrorEvent,
  type Logger,
  type LogLevel,
  listCharacters,
  onClientEvent,
  type Paginator,
  paginate,
  paginateCharacters,
  type RequestEvent,
  type ResponseEvent,
  type RetryEvent,
  type UploadContentType,
  type UploadedImage,
  VERSION,
  type WaitForOptions,
} from "../src/index.js";

describe("options", () => {
  it("takes no arguments (AUROUS_API_KEY) and the new options", () => {
    expectTypeOf(new Aurous()).toEqualTypeOf<Aurous>();
    expectTypeOf(createAurous()).toEqualTypeOf<AurousCore>();
    void new Aurous({
      defaultHeaders: { "X-Team": "crm" },
      logger: console,
      logLevel: "debug",
      hooks: { onRequest: (e) => expectTypeOf(e).toEqualTypeOf<RequestEvent>() },
    });
    // @ts-expect-error not a level
    void new Aurous({ logLevel: "verbose" });
    // @ts-expect-error header values are strings
    void new Aurous({ defaultHeaders: { "X-Count": 1 } });
    expectTypeOf<LogLevel>().toEqualTypeOf<"off" | "error" | "warn" | "info" | "debug">();
    expectTypeOf(console).toMatchTypeOf<Logger>();
    expectTypeOf(VERSION).toEqualTypeOf<string>();
  });
});

describe("events", () => {
  const client = new Aurous({ apiKey: "k" });

  it("types each listener by its event and returns an unsubscribe", () => {
    expectTypeOf<ClientEventName>().toEqualTypeOf<"request" | "response" | "retry" | "error">();
    const off = client.on("retry", (e) => {
      expectTypeOf(e).toEqualTypeOf<RetryEvent>();
      expectTypeOf(e.delayMs).toEqualTypeOf<number>();
      expectTypeOf(e.reason).toEqualTypeOf<string>();
      expectTypeOf(e.error).toEqualTypeOf<AurousError>();
    });
    expectTypeOf(off).toEqualTypeOf<() => void>();
    client.on("response", (e) => {
      expectTypeOf(e).toEqualTypeOf<ResponseEvent>();
      expectTypeOf(e.status).toEqualTypeOf<number>();
      expectTypeOf(e.requestId).toEqualTypeOf<string | null>();
      expectTypeOf(e.elapsedMs).toEqualTypeOf<number>();
    });
    onClientEvent(client.core, "error", (e) => expectTypeOf(e).toEqualTypeOf<ErrorEvent>());
    // @ts-expect-error no such event
    client.on("responce", () => {});
    // @ts-expect-error a retry listener does not get a request event
    const wrong: ClientHooks = { onRetry: (e: RequestEvent) => e };
    void wrong;
  });
});

describe("errors", () => {
  it("print and serialise", () => {
    const err = {} as AurousError;
    expectTypeOf(err.toJSON()).toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(err.toString()).toEqualTypeOf<string>();
  });
});

describe("uploads and polling", () => {
  const client = new Aurous({ apiKey: "k" });

  it("upload() returns the sent type and the request ids", () => {
    expectTypeOf(client.uploads.upload).returns.resolves.toEqualTypeOf<UploadedImage>();
    expectTypeOf<UploadedImage["requestIds"]>().toEqualTypeOf<{
      init: string | null;
      put: string | null;
      classify?: string | null;
    }>();
    expectTypeOf<UploadedImage["content_type"]>().toEqualTypeOf<UploadContentType>();
    expectTypeOf(detectImageType(new Uint8Array())).toEqualTypeOf<UploadContentType | undefined>();
  });

  it("waitFor takes maxRetries", () => {
    expectTypeOf<WaitForOptions["maxRetries"]>().toEqualTypeOf<number | undefined>();
    void client.characters.waitFor("char_x", { maxRetries: 0 });
  });
});

describe("pagination", () => {
  const client = new Aurous({ apiKey: "k" });

  it("infers items and pages from the list operation", () => {
    const list = paginate(client, listCharacters, { status: "ready", limit: 50 });
    expectTypeOf(list).toMatchTypeOf<AsyncIterable<Character>>();
    expectTypeOf(list.pages()).toEqualTypeOf<AsyncGenerator<ApiResult<CharacterList>, void, undefined>>();
    expectTypeOf(list.toArray({ limit: 10 })).toEqualTypeOf<Promise<Character[]>>();
    expectTypeOf(paginateCharacters(client.core)).toEqualTypeOf<Paginator<Character, CharacterList>>();
    // @ts-expect-error the cursor is the paginator's to set
    void paginate(client, listCharacters, { starting_after: "char_x" });
    // @ts-expect-error not a filter of listCharacters
    void paginate(client, listCharacters, { color: "red" });
    // @ts-expect-error toArray needs a limit
    void list.toArray();
  });

  it("rejects an operation that is not a cursor list", () => {
    const getOne = (_core: AurousCore, _query: { starting_after?: string }) =>
      Promise.resolve({} as ApiResult<Character>);
    // @ts-expect-error a Character is no cursor page
    void paginate(client, getOne);
  });
});
