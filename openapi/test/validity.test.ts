import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { bundlePath, loadBundle } from "./bundle.js";

describe("the bundle", () => {
  it("is a valid OpenAPI 3.1 document for an independent validator", async () => {
    const api = (await SwaggerParser.validate(bundlePath)) as { openapi: string };
    expect(api.openapi).toMatch(/^3\.1\./);
  });

  it("carries the date version as info.version", () => {
    expect(loadBundle().info.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
