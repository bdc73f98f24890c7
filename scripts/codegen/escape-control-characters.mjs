// Shared by the client's and the server stubs' generators. hey-api turns the `\u0000`-style escapes
// of the spec's patterns into raw control characters (a NUL makes git treat the file as binary and
// hides its diffs); this puts the escapes back. Only regex literals contain such characters.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function escapeControlCharacters(dir) {
  for (const entry of readdirSync(dir)) {
    const file = join(dir, entry);
    if (statSync(file).isDirectory()) {
      escapeControlCharacters(file);
      continue;
    }
    const text = readFileSync(file, "utf8");
    const fixed = text.replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
    );
    if (fixed !== text) writeFileSync(file, fixed);
  }
}
