// Type tests of client.images and its helpers, checked by `tsc --noEmit` in `pnpm lint`.
import { describe, expectTypeOf, it } from "vitest";
import {
  type ApiResult,
  Aurous,
  type AurousCore,
  AurousGoneError,
  type AurousWaitTimeoutError,
  type Generation,
  type GenerationList,
  getImageOutput,
  isApiError,
  listImages,
  type Paginator,
  paginate,
} from "../src/index.js";
import { type DownloadedFile, downloadFile } from "../src/node.js";

const client = new Aurous({ apiKey: "k" });

describe("client.images types", () => {
  it("types the binary output as a Blob, from the spec", () => {
    expectTypeOf(client.images.output("img_x", "0")).resolves.toEqualTypeOf<ApiResult<Blob>>();
    expectTypeOf(getImageOutput).returns.resolves.toEqualTypeOf<ApiResult<Blob>>();
  });

  it("types the helpers", () => {
    expectTypeOf(client.images.createAndWait({ prompt: "x" })).resolves.toEqualTypeOf<ApiResult<Generation>>();
    expectTypeOf(client.images.waitFor("img_x", { timeoutMs: 60_000 })).resolves.toEqualTypeOf<ApiResult<Generation>>();
    expectTypeOf(client.images.download("img_x", 1)).resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(client.images.downloadAll).parameter(0).toEqualTypeOf<Generation>();
    expectTypeOf(client.images.downloadAll).returns.resolves.toEqualTypeOf<Uint8Array[]>();
    expectTypeOf(client.images.listAll()).toEqualTypeOf<AsyncGenerator<Generation, void, undefined>>();
    expectTypeOf(client.images.paginate({ limit: 10 })).toEqualTypeOf<Paginator<Generation, GenerationList>>();
    expectTypeOf(downloadFile(client, "img_x", "out.png", { n: 0 })).resolves.toEqualTypeOf<DownloadedFile>();
    expectTypeOf<AurousWaitTimeoutError["generation"]>().toEqualTypeOf<Generation | undefined>();
  });

  it("passes the idempotency key to the create, and only there", () => {
    void client.images.createAndWait({ prompt: "x" }, { idempotencyKey: "k1", intervalMs: 2_000 });
    // @ts-expect-error waitFor creates nothing, so it takes no idempotency key
    void client.images.waitFor("img_x", { idempotencyKey: "k1" });
  });

  it("leaves both cursors to the paginator", () => {
    void paginate({} as AurousCore, listImages, { limit: 10 });
    // @ts-expect-error the paginator sets starting_after
    void client.images.paginate({ starting_after: "img_x" });
    // @ts-expect-error ending_before would page the other way
    void paginate(client, listImages, { ending_before: "img_x" });
  });

  it("narrows the output's documented errors", () => {
    const error: unknown = undefined;
    if (isApiError(error, "getImageOutput")) {
      if (error.status === 410) expectTypeOf(error.code).toEqualTypeOf<"output_expired">();
      if (error.status === 422) expectTypeOf(error.code).toEqualTypeOf<"output_not_available">();
    }
    expectTypeOf(new AurousGoneError({} as never)).toHaveProperty("status");
  });
});
