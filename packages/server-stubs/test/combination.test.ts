// Rules between fields of a body, through the spec's own operations. createImage and estimateImage
// share CreateImageRequest: `allOf` entries `{ not, x-aurous-combination-error }` (character_id or
// reference_image_urls; size or width/height) and `dependentRequired` (width with height). The order
// of answers: a field invalid on its own, then a broken `not` rule (in order), then a missing partner.
import { afterAll, describe, expect, it } from "vitest";
import { AUTH, CHAR_ID, server } from "./helpers.js";

const app = server();
afterAll(() => app.close());

const REF = "https://example.com/ref.jpg";
const BOTH_SOURCES = { character_id: CHAR_ID, reference_image_urls: [REF] };

async function post(url: string, body: object) {
  const res = await app.inject({ method: "POST", url, headers: AUTH, payload: body });
  return { status: res.statusCode, error: res.statusCode >= 400 ? res.json().error : undefined };
}

describe.each(["/v1/images", "/v1/images/estimate"])("POST %s", (url) => {
  it.each([
    ["character_id and references", "mutually_exclusive_input", "reference_image_urls", BOTH_SOURCES],
    [
      "size and both dimensions",
      "parameter_invalid_combination",
      "size",
      { size: "2k_16_9", width: 1024, height: 1024 },
    ],
    // The pair rule is broken too, but the combination is the real fault.
    ["size and width", "parameter_invalid_combination", "size", { size: "2k_16_9", width: 1024 }],
    ["size and height", "parameter_invalid_combination", "size", { size: "4k_1_1", height: 2048 }],
    // Both rules broken: the first written is answered.
    [
      "both rules broken",
      "mutually_exclusive_input",
      "reference_image_urls",
      { ...BOTH_SOURCES, size: "2k_1_1", width: 1024 },
    ],
    ["width without height", "missing_field", "height", { width: 1024 }],
    ["height without width", "missing_field", "width", { height: 1024 }],
    // A field invalid on its own comes first, whatever else is wrong.
    ["steps out of range, and both sources", "value_out_of_range", "steps", { ...BOTH_SOURCES, steps: 500 }],
    [
      "steps out of range, and size with width",
      "value_out_of_range",
      "steps",
      { size: "2k_16_9", width: 1024, steps: 500 },
    ],
    ["width out of range, without height", "value_out_of_range", "width", { width: 100 }],
    [
      "a bad reference, and a character",
      "invalid_format",
      "reference_image_urls[0]",
      { character_id: CHAR_ID, reference_image_urls: ["ftp://x"] },
    ],
    ["an unknown key, and both sources", "invalid_format", "colour", { ...BOTH_SOURCES, colour: "red" }],
  ])("%s → 400 %s (%s)", async (_name, code, param, fields) => {
    const { status, error } = await post(url, { prompt: "A lighthouse", ...fields });
    expect(status).toBe(400);
    expect(error).toMatchObject({ type: "invalid_request", code, param });
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("names the rule in the message", async () => {
    expect((await post(url, { prompt: "A", ...BOTH_SOURCES })).error.message).toBe(
      "Character_id or reference_image_urls, not both.",
    );
    expect((await post(url, { prompt: "A", width: 1024 })).error.message).toBe(
      "height is required when width is sent.",
    );
  });

  it.each([
    ["a character and a size", { character_id: CHAR_ID, size: "2k_16_9" }],
    ["references and both dimensions", { reference_image_urls: [REF], width: 2048, height: 1152 }],
    ["the prompt alone", {}],
  ])("%s is accepted", async (_name, fields) => {
    const { status } = await post(url, { prompt: "A lighthouse", ...fields });
    expect(status).toBeLessThan(300);
  });
});

describe("the one-flow rule of createCharacter (oneOf) is unchanged", () => {
  it.each([
    [{ name: "A" }, "parameter_invalid_combination", "upload_ids"],
    [{ name: "A", generate: true }, "missing_field", "attributes"],
    [{ name: "A", generate: true, attributes: { age: 200 } }, "value_out_of_range", "attributes.age"],
  ])("%j → 400 %s (%s)", async (body, code, param) => {
    const { status, error } = await post("/v1/characters", body);
    expect(status).toBe(400);
    expect(error).toMatchObject({ code, param });
  });

  it("keeps its message", async () => {
    expect((await post("/v1/characters", { name: "A" })).error.message).toBe(
      "The request body must follow exactly one of: Upload flow or Synthesize flow.",
    );
  });
});
