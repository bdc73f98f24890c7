// One call per operation through @aurous/client's public API, derived from the spec model: the
// method is `client[sdk.resource][sdk.method]` (x-aurous-sdk) and its arguments follow the
// client's signature rule — one string per path parameter in path order, then the input (the JSON
// body if the operation has one, else the query object if it has query parameters, else none),
// then the per-call options (Prism's `Prefer` goes in their headers). Values are the spec's examples.
import type { ApiResult, Aurous } from "@aurous/client";
import { exampleCall } from "../../../../scripts/codegen/example-request.mjs";
import { png } from "../../src/server/png.js";
import { fillPath } from "../../src/server/requests.js";
import { loadSpec } from "../../src/spec/bundle.js";
import { operationById } from "../../src/spec/operations.js";
import type { OpenApiDocument, OperationModel } from "../../src/spec/types.js";

/** The path parameters and input of `op` by the signature rule (the options are appended by the caller). */
export function clientCallArgs(doc: OpenApiDocument, op: OperationModel): unknown[] {
  return exampleCall(doc, op).args;
}

let bundled: OpenApiDocument | undefined;

export function callOperation(
  aurous: Aurous,
  baseUrl: string,
  operationId: string,
  headers: Record<string, string>,
  doc: OpenApiDocument = (bundled ??=
    loadSpec()),
): Promise<ApiResult<unknown>> {
  const options = { headers, maxRetries: 0 };
  const op = operationById(doc, operationId);
  const resource = (
    aurous as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<ApiResult<unknown>>>>
  )[op.sdk.resource];
  const method = resource?.[op.sdk.method];
  if (!method)
    throw new Error(`the client has no ${op.sdk.resource}.${op.sdk.method} (x-aurous-sdk of ${operationId})`);
  if (op.credential === "signed-url") {
    // A signed-URL operation takes the whole URL (here a made-up one), the raw bytes, and the
    // headers the URL was signed with in the options.
    const url = new URL(`${baseUrl}${fillPath(doc, op)}`);
    url.searchParams.set("expires", "1778235300");
    url.searchParams.set("signature", "ab".repeat(32));
    const contentType = op.requestBody?.contentTypes.includes("image/png")
      ? "image/png"
      : (op.requestBody?.contentTypes[0] ?? "application/octet-stream");
    return method.call(resource, url.href, png(8, 8), {
      ...options,
      headers: { "Content-Type": contentType, ...headers },
    });
  }
  return method.call(resource, ...clientCallArgs(doc, op), options);
}
