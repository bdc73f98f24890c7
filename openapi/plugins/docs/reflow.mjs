// Descriptions are wrapped at ~100 columns in YAML block scalars. Markdown joins such lines with a
// space when it renders, but Redoc's search index strips the newline and glues the words
// ("is\nwrong" → "iswrong"). Joining the soft line breaks before rendering fixes the snippets and
// changes nothing else: paragraphs, list items, headings, tables and code blocks stay as they are.

const BLOCK_START = /^(\s*([-*+]|\d+\.)\s|#{1,6}\s|\||```|>)/;

export function reflow(text) {
  if (typeof text !== "string" || !text.includes("\n")) return text;
  const out = [];
  let fenced = false;
  for (const line of text.split("\n")) {
    const fence = line.trimStart().startsWith("```");
    const previous = out.length > 0 ? out[out.length - 1] : undefined;
    const joinable =
      !fenced &&
      !fence &&
      previous !== undefined &&
      previous.trim() !== "" &&
      line.trim() !== "" &&
      !BLOCK_START.test(line) &&
      !/^(#{1,6}\s|\|)/.test(previous.trimStart()) &&
      !previous.trimStart().startsWith("```");
    if (joinable) out[out.length - 1] = `${previous.trimEnd()} ${line.trim()}`;
    else out.push(line);
    if (fence) fenced = !fenced;
  }
  return out.join("\n");
}

/** Reflows every `description` in the document, in place. */
export function reflowAll(node) {
  if (Array.isArray(node)) {
    for (const item of node) reflowAll(item);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "description" && typeof value === "string") node[key] = reflow(value);
      else reflowAll(value);
    }
  }
}
