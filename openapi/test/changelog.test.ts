// The docs show the changelog, generated from x-aurous-versions by the aurous/changelog decorator.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CHANGELOG_HEADING, renderChangelog, withChangelog } from "../tools/lib/changelog.mjs";
import { readRegistry } from "../tools/lib/registry.mjs";
import { loadBundle } from "./bundle.js";

const spec = loadBundle();
const entries = readRegistry(spec);
const html = readFileSync(fileURLToPath(new URL("../dist/docs/index.html", import.meta.url)), "utf8");
const count = (text: string, part: string) => text.split(part).length - 1;
/** The rendered page without the inline copy of the spec, so matches come from rendered markup. */
const rendered = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");

describe("the changelog", () => {
  it("ends the bundle's info.description, generated from the registry, exactly once", () => {
    expect(spec.info.description.endsWith(renderChangelog(entries))).toBe(true);
    expect(count(spec.info.description, CHANGELOG_HEADING)).toBe(1);
  });

  it("is rendered in dist/docs/index.html as a section with one heading per version", () => {
    expect(count(rendered, 'id="section/changelog"')).toBe(1);
    for (const entry of entries) {
      expect(rendered).toContain(`id="section/${entry.version}"`);
      expect(rendered).toContain(entry.summary);
    }
    expect(rendered).toContain("The Characters API: upload reference images");
  });

  it("is appended idempotently (build-docs applies decorators to the decorated bundle again)", () => {
    const once = withChangelog("Intro.\n", entries);
    expect(once).toBe(`Intro.\n\n${renderChangelog(entries)}`);
    expect(withChangelog(once, entries)).toBe(once);
  });

  it("marks breaking versions and names the operations a change affects", () => {
    const text = renderChangelog([
      {
        version: "2026-09-01",
        summary: "Second.",
        breaking: true,
        changes: [{ type: "removed", description: "`note`\n  is gone.", operations: ["getThing"] }],
      },
    ]);
    expect(text).toContain("### 2026-09-01 (breaking)\nSecond.\n\n- **Removed** (`getThing`): `note` is gone.\n");
  });
});
