// The docs bundle (dist/docs/openapi.docs.json, built with redocly.docs.yaml) and the page made from
// it: every operation carries its code samples and its Limits block, the sandbox is a server,
// descriptions have no soft line breaks left for Redoc's search to glue words across, and the page
// loads nothing from the network. The contract bundle carries none of these additions.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { limitsSection } from "../plugins/docs/limits.mjs";
import { reflow } from "../plugins/docs/reflow.mjs";
import { loadBundle, operations } from "./bundle.js";

const docs = JSON.parse(
  readFileSync(fileURLToPath(new URL("../dist/docs/openapi.docs.json", import.meta.url)), "utf8"),
);
const html = readFileSync(fileURLToPath(new URL("../dist/docs/index.html", import.meta.url)), "utf8");
const contract = loadBundle();
const ops = operations(docs);

/** Every description in a document. */
function descriptions(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) descriptions(n, out);
  } else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "description" && typeof v === "string") out.push(v);
      else descriptions(v, out);
    }
  }
  return out;
}

describe("the docs bundle", () => {
  it("gives every operation a curl and an @aurous/client sample; each curl is valid shell", () => {
    expect(ops.map((o) => o.model.operationId)).toEqual(operations(contract).map((o) => o.model.operationId));
    for (const { operation } of ops) {
      const samples = operation["x-codeSamples"] as Array<{ lang: string; label: string; source: string }>;
      expect(
        samples.map((s) => s.label),
        operation.operationId,
      ).toEqual(["curl", "@aurous/client"]);
      const curl = samples[0]!.source;
      expect(curl).toMatch(/^(# .*\n)*curl /);
      execFileSync("bash", ["-n", "-c", curl]);
      if (operation["x-aurous-scope"]) expect(curl).toContain('-H "X-Api-Key: $AUROUS_API_KEY"');
      else expect(curl).not.toContain("X-Api-Key");
    }
  });

  it("appends each operation's Limits, with the numbers of its x-aurous-* extensions, once", () => {
    for (const { operation } of ops) {
      const block = limitsSection(operation);
      expect(block).not.toBeNull();
      expect(operation.description).toContain(reflow(block!));
      expect(operation.description.split("**Limits**").length, operation.operationId).toBe(2);
      const limit = operation["x-aurous-rate-limit"];
      if (limit)
        expect(operation.description).toContain(
          `bucket \`${limit.bucket}\`, ${limit.sustained_per_minute} requests a minute sustained, bursts of ${limit.burst}`,
        );
      if (operation["x-aurous-scope"])
        expect(operation.description).toContain(`\`${operation["x-aurous-scope"]}\` scope`);
    }
  });

  it("lists the sandbox as a server after production", () => {
    expect(docs.servers.map((s: { url: string }) => s.url)).toEqual([
      "https://api.aurous-labs.com",
      "http://127.0.0.1:4010",
    ]);
  });

  it("has no soft line break inside a paragraph (Redoc's search would glue the words)", () => {
    const glued = descriptions(docs)
      .flatMap((d) => d.split("\n\n"))
      .filter((p) => /[\w.,;:)`*]\n[\w(`*]/.test(p) && !/^\s*([-*+]|\d+\.|#|\||```)/m.test(p));
    expect(glued).toEqual([]);
  });

  it("leaves the contract bundle without any of the docs additions", () => {
    expect(contract.servers).toHaveLength(1);
    for (const { operation } of operations(contract)) {
      expect(operation["x-codeSamples"]).toBeUndefined();
      expect(operation.description).not.toContain("**Limits**");
    }
  });
});

describe("the rendered page", () => {
  it("loads nothing from Redocly's CDN (the logo is inlined by tools/docs-offline.mjs)", () => {
    expect(html).not.toMatch(/cdn\.redoc\.ly/);
  });
});

describe("reflow", () => {
  it("joins soft line breaks and keeps lists, headings, tables and code", () => {
    expect(
      reflow("This value is\nwrong.\n\n- one\n  continued\n- two\n\n## Head\n| a |\n| b |\n\n```\nx\ny\n```"),
    ).toBe("This value is wrong.\n\n- one continued\n- two\n\n## Head\n| a |\n| b |\n\n```\nx\ny\n```");
  });
});
