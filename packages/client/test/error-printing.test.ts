// An uncaught AurousError prints as class, status, code, message and request id, not as the ~90
// lines of an undici Response; the response stays reachable.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Aurous,
  AurousConnectionError,
  AurousError,
  type AurousNotFoundError,
  AurousUndocumentedResponseError,
} from "../src/index.js";
import { API_KEY, CHARACTER_ID } from "./support/fixtures.js";
import { errorBody, REQUEST_ID, type StubServer, sendJson, startStub } from "./support/stub-server.js";

let stub: StubServer;
let client: Aurous;
beforeAll(async () => {
  stub = await startStub();
  client = new Aurous({ apiKey: API_KEY, baseUrl: stub.url, maxRetries: 0, logLevel: "off" });
});
afterAll(() => stub.close());

async function notFound(): Promise<AurousNotFoundError> {
  stub.reset((_req, res) => sendJson(res, 404, errorBody("not_found", "resource_not_found", "No such character.")));
  return (await client.characters.get(CHARACTER_ID).catch((e: unknown) => e)) as AurousNotFoundError;
}

describe("printing errors", () => {
  it("util.inspect shows class, message, status, code and request id, briefly", async () => {
    const error = await notFound();
    const text = inspect(error);
    expect(text).toMatch(/^AurousNotFoundError: No such character\.\n/);
    expect(text).toContain("status: 404");
    expect(text).toContain("code: 'resource_not_found'");
    expect(text).toContain(`requestId: '${REQUEST_ID}'`);
    expect(text).toContain("operation: 'getCharacter'");
    expect(text).not.toMatch(/Response|Headers|undici|Symbol\(/);
    // the stack plus one line of fields (Node's own format printed ~90 lines with the Response)
    expect(text.split("\n").length).toBeLessThan(25);
  });

  it("keeps the response reachable but out of keys, spreads and JSON", async () => {
    const error = await notFound();
    expect(error.response).toBeInstanceOf(Response);
    expect(error.response.status).toBe(404);
    expect(Object.keys(error)).not.toContain("response");
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({
      name: "AurousNotFoundError",
      message: "No such character.",
      status: 404,
      code: "resource_not_found",
      requestId: REQUEST_ID,
      operation: "getCharacter",
    });
    expect(json).not.toHaveProperty("response");
  });

  it("toString names status, code and request id", async () => {
    expect(String(await notFound())).toBe(
      `AurousNotFoundError: No such character. (HTTP 404 resource_not_found, request ${REQUEST_ID})`,
    );
    expect(String(new AurousError("plain"))).toBe("AurousError: plain");
  });

  it("shortens an undocumented body and nests inside other values", async () => {
    stub.reset((_req, res) => {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end(`<html>${"x".repeat(5_000)}</html>`);
    });
    const error = (await client.characters
      .get(CHARACTER_ID)
      .catch((e: unknown) => e)) as AurousUndocumentedResponseError;
    expect(error).toBeInstanceOf(AurousUndocumentedResponseError);
    const text = inspect(error);
    expect(text).toContain("status: 502");
    expect(text).toContain("(5013 chars)");
    expect(text.length).toBeLessThan(3_000);
    expect(inspect({ wrapped: error }, { depth: 0 })).toContain("[AurousUndocumentedResponseError: ");
  });

  it("shows the cause of a connection error", () => {
    const error = new AurousConnectionError("getCharacter", "fetch failed", { cause: new Error("ECONNREFUSED") });
    const text = inspect(error);
    expect(text).toMatch(/^AurousConnectionError: getCharacter: fetch failed\n/);
    expect(text).toContain("[cause]: Error: ECONNREFUSED");
  });
});
