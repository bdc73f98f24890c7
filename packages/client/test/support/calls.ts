// One valid call per operation through the public client, derived from the spec model: the method
// is `client[sdk.resource][sdk.method]` (x-aurous-sdk), its arguments the spec's examples under the
// signature rule (scripts/codegen/example-request.mjs). A new operation needs no entry here; the
// generated-operations tests check the rule's types.

import { exampleCall } from "../../../../scripts/codegen/example-request.mjs";
import type { ApiResult, Aurous, CallOptions, OperationId } from "../../src/index.js";
import { model } from "./contract.js";
import { UPLOAD_ID } from "./fixtures.js";

export type OperationCall = (options: CallOptions) => Promise<ApiResult<unknown>>;
type Method = (...args: unknown[]) => Promise<ApiResult<unknown>>;

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** `baseUrl` is the server a signed URL points at (a signed-URL operation goes there, not to the API). */
export function operationCalls(client: Aurous, baseUrl: string): Record<OperationId, OperationCall> {
  const calls: Partial<Record<string, OperationCall>> = {};
  for (const op of model.operations) {
    const resource = (client as unknown as Record<string, Record<string, Method>>)[op.sdk.resource];
    const method = resource?.[op.sdk.method];
    if (!method)
      throw new Error(`the client has no ${op.sdk.resource}.${op.sdk.method} (x-aurous-sdk of ${op.operationId})`);
    if (op.credential === "signed-url") {
      // A made-up signed URL for the operation's path, the raw bytes and the signed Content-Type.
      const url = new URL(`${baseUrl}${op.path.replace(/\{[^}]+\}/g, UPLOAD_ID)}`);
      for (const p of op.parameters.filter((x) => x.in === "query"))
        url.searchParams.set(p.name, p.name === "expires" ? "1778235300" : "9b".repeat(32));
      const contentType = op.requestBody?.contentTypes.includes("image/jpeg")
        ? "image/jpeg"
        : op.requestBody?.contentTypes[0];
      calls[op.operationId] = (o) =>
        method.call(resource, url.href, jpeg, { ...o, headers: { "Content-Type": contentType, ...o.headers } });
      continue;
    }
    const args = exampleCall(model.document, op).args;
    calls[op.operationId] = (o) => method.call(resource, ...args, o);
  }
  return calls as Record<OperationId, OperationCall>;
}
