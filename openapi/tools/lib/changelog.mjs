// Renders the registry as the Markdown "Changelog" section that the `aurous/changelog` decorator
// appends to info.description, so the docs show the changelog without a second copy of it.

const LABEL = { added: "Added", changed: "Changed", removed: "Removed" };

export const CHANGELOG_HEADING = "## Changelog";

export function renderChangelog(entries) {
  const lines = [
    CHANGELOG_HEADING,
    "Every released date version, newest first. A request gets the version it pins with `Aurous-Version`",
    "(or the team's default); a version marked **breaking** changes the contract only for requests that",
    "resolve to it or to a later version.",
  ];
  for (const entry of entries) {
    lines.push("", `### ${entry.version}${entry.breaking ? " (breaking)" : ""}`, entry.summary.trim());
    if (entry.changes.length > 0) lines.push("");
    for (const change of entry.changes) {
      const ops = change.operations ? ` (${change.operations.map((id) => `\`${id}\``).join(", ")})` : "";
      lines.push(`- **${LABEL[change.type]}**${ops}: ${change.description.trim().replace(/\s*\n\s*/g, " ")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The description with the changelog appended. Idempotent: `build-docs` applies decorators again
 * to the already-decorated bundle, and the section must not appear twice.
 */
export function withChangelog(description, entries) {
  const block = renderChangelog(entries);
  const text = description ?? "";
  if (text.endsWith(block)) return text;
  return `${text.trimEnd()}\n\n${block}`;
}
