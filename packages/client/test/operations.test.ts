// Every operation of the spec model has a standalone function (named by operationId) and a
// resource method (named by x-aurous-sdk), and both send what the model describes. Names and
// arguments come from the model, so a new operation is covered without editing this file.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpecModel, type OperationModel } from "../../../scripts/codegen/spec-model.mjs";
import * as client from "../src/index.js";
import { Aurous, createAurous } from "../src/index.js";
import { request } from "../src/operations/request.js";

const model = loadSpecModel(fileURLToPath(new URL("../../../openapi/dist/openapi.json", import.meta.url)));
const BASE = "https://api.example.test";
const SIGNED = "https://storage.example.test/put/here?expires=1&signature=abc%2Fdef";
// Needs encoding in a path segment: a slash, a space and a non-ASCII letter.
const PATH_VALUE = "a/b c\u00e9";
const bytes = new Uint8Array([1, 2, 3]);

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}

function recordingFetch(op: OperationModel, sent: Sent[]): typeof fetch {
  return async (input, init) => {
    sent.push({
      method: String(init?.method),
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body,
    });
    const status = op.success.status;
    return new Response(status === 204 ? null : "{}", { status, headers: { "content-type": "application/json" } });
  };
}

/** The arguments the signature rule asks for, built from the model (as the README states the rule). */
function argumentsOf(op: OperationModel): unknown[] {
  const args: unknown[] = [];
  if (op.credential === "signed-url") args.push(SIGNED);
  else args.push(...op.pathParamNames.map(() => PATH_VALUE));
  if (op.requestBody) args.push(op.requestBody.binary ? bytes : { probe: true });
  else if (op.credential === "api-key" && op.parameters.some((p) => p.in === "query")) args.push({ limit: 5 });
  args.push({ headers: { "X-Probe": "1" } });
  return args;
}

function expectedUrl(op: OperationModel): string {
  if (op.credential === "signed-url") return SIGNED;
  const path = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(PATH_VALUE));
  const hasQuery = !op.requestBody && op.parameters.some((p) => p.in === "query");
  return `${BASE}${path}${hasQuery ? "?limit=5" : ""}`;
}

describe.each(model.operations.map((op) => [op.operationId, op] as const))("%s", (operationId, op) => {
  it(`is exported as ${operationId}() and offered as client.${op.sdk.resource}.${op.sdk.method}()`, () => {
    expect(typeof (client as Record<string, unknown>)[operationId]).toBe("function");
    const aurous = new Aurous({ apiKey: "k" }) as unknown as Record<string, Record<string, unknown>>;
    expect(typeof aurous[op.sdk.resource]?.[op.sdk.method]).toBe("function");
  });

  it.each(["function", "method"])("sends what the model describes (%s)", async (style) => {
    const sent: Sent[] = [];
    const options = { apiKey: "key_1", baseUrl: BASE, fetch: recordingFetch(op, sent), maxRetries: 0 };
    const args = argumentsOf(op);
    if (style === "function") {
      const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[operationId]!;
      await fn(createAurous(options), ...args);
    } else {
      const aurous = new Aurous({ ...options, validateResponses: false }) as unknown as Record<
        string,
        Record<string, (...a: unknown[]) => Promise<unknown>>
      >;
      await aurous[op.sdk.resource]![op.sdk.method]!(...args);
    }
    expect(sent).toHaveLength(1);
    const [{ method, url, headers, body }] = sent as [Sent];
    expect(method).toBe(op.httpMethod);
    expect(url).toBe(expectedUrl(op));
    expect(headers["X-Probe"]).toBe("1");
    expect("X-Api-Key" in headers).toBe(op.credential === "api-key");
    expect("Aurous-Version" in headers).toBe(op.versioned);
    expect("Idempotency-Key" in headers).toBe(op.idempotency.honours_key);
    if (op.requestBody) {
      expect(headers["Content-Type"]).toBe(op.requestBody.contentTypes[0]);
      if (op.requestBody.binary) expect(new Uint8Array(await (body as Blob).arrayBuffer())).toEqual(bytes);
      else expect(body).toBe('{"probe":true}');
    } else {
      expect(body).toBeUndefined();
      expect("Content-Type" in headers).toBe(false);
    }
  });
});

describe("the request builder", () => {
  const op = {
    id: "getCharacter",
    method: "GET",
    path: "/v1/things/{a}/{b}",
    authenticated: true,
    successStatus: 200,
    honoursIdempotencyKey: false,
    versioned: false,
    errors: {},
  } as const;

  async function send(parts: Parameters<typeof request>[1], headers: Record<string, string> = {}) {
    const sent: Sent[] = [];
    const core = createAurous({
      apiKey: "k",
      baseUrl: BASE,
      fetch: recordingFetch(model.operation("getCharacter"), sent),
    });
    await request(op, parts)({ client: core.http, headers, signal: undefined });
    return sent[0]!;
  }

  it("encodes every path parameter and repeats array query values (form, explode)", async () => {
    const { url } = await send({ path: { a: "../x", b: "?#&" }, query: { tag: ["x y", "z"], skip: undefined, n: 2 } });
    expect(url).toBe(`${BASE}/v1/things/..%2Fx/%3F%23%26?tag=x%20y&tag=z&n=2`);
  });

  it("sends bytes as they are, typed by a Blob's own type unless the caller sets Content-Type", async () => {
    const blob = new Blob([bytes], { type: "image/png" });
    const typed = await send({ url: SIGNED, bytes: blob, contentType: "image/jpeg" });
    expect(typed.headers["Content-Type"]).toBe("image/png");
    expect(typed.body).toBe(blob);
    const overridden = await send(
      { url: SIGNED, bytes: blob, contentType: "image/jpeg" },
      { "Content-Type": "image/webp" },
    );
    expect(overridden.headers["Content-Type"]).toBe("image/webp");
    const buffer = await send({ url: SIGNED, bytes: bytes.buffer, contentType: "image/jpeg" });
    expect(buffer.headers["Content-Type"]).toBe("image/jpeg");
    expect(buffer.url).toBe(SIGNED);
  });
});
