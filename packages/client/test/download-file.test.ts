// downloadFile (@aurous/client/node): an image output written to a path, its media type reported,
// fs failures as AurousFileError and API failures as the operation's typed errors.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Aurous, AurousFileError, AurousUnprocessableEntityError } from "../src/index.js";
import { downloadFile } from "../src/node.js";
import { API_KEY, GENERATION_ID, generation } from "./support/fixtures.js";
import { errorBody } from "./support/stub-server.js";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aurous-client-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function client(answer: (url: string) => Response) {
  const urls: string[] = [];
  const aurous = new Aurous({
    apiKey: API_KEY,
    maxRetries: 0,
    fetch: async (input) => {
      urls.push(String(input));
      return answer(String(input));
    },
  });
  return { aurous, urls };
}

describe("downloadFile", () => {
  it("writes output n to the path and says what it wrote", async () => {
    const { aurous, urls } = client(() => new Response(JPEG, { headers: { "Content-Type": "image/jpeg" } }));
    const path = join(dir, "out.jpg");
    const written = await downloadFile(aurous, generation(), path, { n: 1 });
    expect(written).toEqual({ path, contentType: "image/jpeg", size: JPEG.byteLength });
    expect(new Uint8Array(await readFile(path))).toEqual(JPEG);
    expect(urls).toEqual([`https://api.aurous-labs.com/v1/images/${GENERATION_ID}/output/1`]);
    await downloadFile(aurous.core, GENERATION_ID, path);
    expect(urls[1]).toMatch(/\/output\/0$/);
  });

  it("throws an AurousFileError for a path it cannot write", async () => {
    const { aurous } = client(() => new Response(JPEG, { headers: { "Content-Type": "image/jpeg" } }));
    const path = join(dir, "missing-dir", "out.jpg");
    const error = await downloadFile(aurous, GENERATION_ID, path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurousFileError);
    expect(error).toMatchObject({ path, message: expect.stringMatching(/^cannot write .*ENOENT/) });
  });

  it("throws the API's typed error and writes nothing", async () => {
    const { aurous } = client(
      () =>
        new Response(JSON.stringify(errorBody("invalid_request", "output_not_available")), {
          status: 422,
          headers: { "Content-Type": "application/json" },
        }),
    );
    const path = join(dir, "never.png");
    await expect(downloadFile(aurous, GENERATION_ID, path)).rejects.toBeInstanceOf(AurousUnprocessableEntityError);
    await expect(readFile(path)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
