// The maintainers' decisions (how the contract resolves the docs' contradictions and silences) live
// in DECISIONS.md; the docs open with a short Conventions section for integrators and point there.
// Every decision recorded when they moved out of info.description must still be in the file.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadBundle } from "./bundle.js";

const decisions = readFileSync(fileURLToPath(new URL("../DECISIONS.md", import.meta.url)), "utf8");
const description: string = loadBundle().info.description;

const CONTRADICTIONS = [
  "Synthesis lifecycle.",
  "Soft-deleted characters on retrieve.",
  "Rate-limit codes.",
  "Ids.",
  "`client_reference_id` on a character",
  "Error envelope.",
  "Regenerate and resynthesize outcome.",
  "State errors.",
  "Credits.",
  "doc_url.",
  "List cursor example.",
  "Held credits.",
  "Held or deducted.",
  "Generation statuses.",
  "Image size.",
  "Output proxy: bytes, not a redirect; 24 hours, not 7 days.",
  "`object` on a generation.",
];
const SILENCES = [
  "`POST /v1/characters/uploads/init` answers `201`",
  "`POST /v1/characters` honours `Idempotency-Key`",
  "Character `name` is 1–100 characters",
  "JSON request bodies are limited to 64 KiB",
  "Scopes are cumulative",
  "Regenerate accepts the same states as resynthesize",
  "The storage PUT's `Content-Type`.",
  "`name` on create",
  "Create answering `reviewing`.",
  "A second DELETE",
  "A version pin before the first version",
  "Rules a schema can state, it states",
  "Additive changes.",
  "`billing_mode` is an open set.",
  "Image generation choices.",
  "Generation history cursors.",
  "The output proxy's credentials and limits.",
  "Cancel draws from `images_post`",
  "The `reads` bucket.",
  "`GET /v1/team` fields.",
  "`GET /v1/loras` is a bare array.",
  "Credit amounts are numbers, not integers",
];

/** The bullets of one `## ` section of DECISIONS.md. */
function bullets(heading: string): string[] {
  const section = decisions.split(/^## /m).find((s) => s.startsWith(heading));
  expect(section, `DECISIONS.md has no "## ${heading}"`).toBeDefined();
  return section!
    .split("\n")
    .filter((l) => l.startsWith("- "))
    .map((l) => l.slice(2));
}

describe("DECISIONS.md", () => {
  it("keeps every contradiction the contract resolves", () => {
    const listed = bullets("Where the public docs contradict themselves");
    for (const title of CONTRADICTIONS)
      expect(
        listed.some((b) => b.startsWith(`**${title}**`)),
        title,
      ).toBe(true);
  });

  it("keeps every choice where the docs are silent", () => {
    const listed = bullets("Choices where the docs are silent");
    for (const start of SILENCES)
      expect(
        listed.some((b) => b.replace(/\*\*/g, "").startsWith(start)),
        start,
      ).toBe(true);
  });
});

describe("the docs' introduction", () => {
  it("opens with Conventions, not with the maintainers' notes, and points to DECISIONS.md", () => {
    const headings = [...description.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings[0]).toBe("Conventions");
    expect(headings).not.toContain("Where the public docs contradict themselves");
    expect(headings).not.toContain("Choices where the docs are silent");
    expect(description).toContain("`DECISIONS.md`");
  });
});
