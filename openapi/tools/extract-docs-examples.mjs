#!/usr/bin/env node
// Scrapes the JSON examples out of the stored documentation pages (the Characters reference pages, the
// seeds and the two pages that show the shared error envelope) into test/fixtures/docs-examples.json,
// the corpus that test/docs-examples.test.ts and the client's docs-examples test check against the spec.
//
//   node tools/extract-docs-examples.mjs [--reference <dir>] [--check]
//
// --reference defaults to ../shared/reference next to the repository (where CI clones shared/).
// --check writes nothing and exits 1 when the committed fixture differs from a fresh scrape.
//
// The scrape is heuristic; every decision a human made after reading the pages lives in REVIEW below
// (keyed by entry id, each with a comment that ends up in the fixture), so the fixture stays exactly
// what this script prints and a re-scrape of changed pages shows up as a diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const defaultReferenceDir = resolve(repoRoot, "..", "shared", "reference");
export const fixturePath = fileURLToPath(new URL("../test/fixtures/docs-examples.json", import.meta.url));

/** Documented method + path template → operationId (the Characters surface only). */
const OPERATIONS = [
  ["post", "/v1/characters/uploads/init", "initCharacterUpload"],
  ["post", "/v1/characters/uploads/classify", "classifyCharacterUpload"],
  ["get", "/v1/characters", "listCharacters"],
  ["post", "/v1/characters", "createCharacter"],
  ["get", "/v1/characters/{id}", "getCharacter"],
  ["patch", "/v1/characters/{id}", "updateCharacter"],
  ["delete", "/v1/characters/{id}", "deleteCharacter"],
  ["post", "/v1/characters/{id}/save", "saveCharacter"],
  ["post", "/v1/characters/{id}/refs/regenerate", "regenerateCharacterRef"],
  ["post", "/v1/characters/{id}/resynthesize", "resynthesizeCharacter"],
];

/** Pages outside the Characters reference whose error-envelope examples apply to every endpoint. */
const ENVELOPE_PAGES = ["aurous-docs/errors.md", "aurous-docs/rate-limits.md"];

/**
 * Hand review of the scrape. The envelope pages' examples were written for POST /v1/images, which the
 * spec does not cover yet; they are checked against createCharacter, the Characters POST that spends
 * credits and documents both 402 and 429. The errors page gives no status next to its example.
 */
const REVIEW = {
  "upload-init#response1": {
    status: 201,
    comment:
      "hand-corrected: the page never states the status (the scrape guessed 200); a minted ticket is a new resource, 201 as in the spec",
  },
  "errors#error1": {
    operationId: "createCharacter",
    status: 402,
    comment:
      "hand-mapped: the page's example is for POST /v1/images; status 402 from the page's taxonomy (balance_too_low is the credits error)",
  },
  "rate-limits#error1": {
    operationId: "createCharacter",
    comment: "hand-mapped: the page's example is for the images_post bucket; the envelope is shared by every endpoint",
  },
  "rate-limits#error2": {
    operationId: "createCharacter",
    comment: "hand-mapped: older crawl of the same example (doc_url uses /errors/<code>); kept because it differs",
  },
};

function operationFor(method, path) {
  const template = path.replace(/^(\/v1\/characters\/)(?!uploads\/)[^/]+/, "$1{id}");
  return OPERATIONS.find(([m, p]) => m === method && p === template)?.[2] ?? null;
}

/** The end index of a shell command starting at `start`: the first newline outside quotes not escaped by `\`. */
function commandEnd(text, start) {
  let quote = null;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\n" && text[i - 1] !== "\\") return i;
  }
  return text.length;
}

/** The index just past the JSON value starting with `{` at `start`, or -1 when it never closes. */
function jsonEnd(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

function parseCurl(command) {
  const method = (/(?:--request|-X)\s+([A-Z]+)/.exec(command)?.[1] ?? "").toLowerCase();
  const url = /(?:--url\s+)?['"]?(https?:\/\/[^\s'"\\]+)/.exec(command)?.[1];
  const data = /(?:--data(?:-raw)?|-d)\s+'([^']*)'/.exec(command);
  let path = null;
  try {
    if (url) path = new URL(url.replace(/\{id\}/, "ID")).pathname.replace(/\/ID\b/, "/{id}");
  } catch {
    path = null;
  }
  return {
    method: method || (data ? "post" : "get"),
    path,
    data: data ? { flag: command.includes("--data") ? "--data" : "-d", text: data[1] } : null,
  };
}

/** Every JSON example of one page, in page order. */
function extractPage(source, text) {
  const stem = source.replace(/^.*\//, "").replace(/\.(md|txt)$/, "");
  const shortStem = source.startsWith("seeds/") ? `seed-${stem}` : stem.replace(/^api-reference-characters-/, "");
  const found = [];
  const consumed = [];
  const counters = { request: 0, response: 0, error: 0 };
  const push = (raw) => {
    counters[raw.counter]++;
    const id = `${shortStem}#${raw.counter}${counters[raw.counter]}`;
    const review = REVIEW[id] ?? {};
    const { counter: _counter, ...entry } = raw;
    found.push({ id, source, ...entry, ...review, value: entry.value });
  };

  for (const match of text.matchAll(/(^|\n)\s*curl\s/g)) {
    const start = match.index + match[0].lastIndexOf("curl");
    const end = commandEnd(text, start);
    const curl = parseCurl(text.slice(start, end));
    const operationId = curl.path ? operationFor(curl.method, curl.path) : null;
    if (curl.data) {
      const dataStart = text.indexOf(curl.data.text, start);
      consumed.push([dataStart, dataStart + curl.data.text.length]);
      push({
        counter: "request",
        operationId,
        kind: "request",
        from: `curl ${curl.data.flag}`,
        value: JSON.parse(curl.data.text),
      });
    }
    // Mintlify renders the first documented response right after the request panel.
    const next = /^\s*\{/.exec(text.slice(end));
    if (next) {
      const bodyStart = end + next[0].length - 1;
      const bodyEnd = jsonEnd(text, bodyStart);
      consumed.push([bodyStart, bodyEnd]);
      // Only create-character names its status (201) in the text; the rest say 200 or nothing.
      const status = /\b201\b/.test(text) ? 201 : 200;
      push({
        counter: "response",
        operationId,
        kind: "response",
        status,
        from: "response panel",
        value: JSON.parse(text.slice(bodyStart, bodyEnd)),
      });
    }
  }

  // Error envelopes anywhere on the page; other JSON fragments are field-level examples, not bodies.
  for (const match of text.matchAll(/(^|\n)\{\s*\n\s*"error"\s*:/g)) {
    const start = match.index + match[1].length;
    if (consumed.some(([a, b]) => start >= a && start < b)) continue;
    const value = JSON.parse(text.slice(start, jsonEnd(text, start)));
    const httpLine = [...text.slice(0, start).matchAll(/HTTP\/1\.1 (\d{3})/g)].pop();
    push({
      counter: "error",
      operationId: null,
      kind: "response",
      status: httpLine ? Number(httpLine[1]) : null,
      from: "error envelope",
      value,
    });
  }
  return found;
}

export function extractCorpus(referenceDir = defaultReferenceDir) {
  if (!existsSync(referenceDir)) {
    throw new Error(
      `documentation pages not found at ${referenceDir}: clone or copy shared/reference next to the repository (its parent directory)`,
    );
  }
  const sources = [
    ...readdirSync(join(referenceDir, "aurous-docs"))
      .filter((f) => /^api-reference-characters-.*\.md$/.test(f))
      .map((f) => `aurous-docs/${f}`),
    ...readdirSync(join(referenceDir, "seeds")).map((f) => `seeds/${f}`),
    ...ENVELOPE_PAGES,
  ].sort();
  const entries = sources.flatMap((source) => extractPage(source, readFileSync(join(referenceDir, source), "utf8")));
  const unmapped = entries.filter((e) => !e.operationId || (e.kind === "response" && !e.status));
  if (unmapped.length)
    throw new Error(
      `entries without operationId or status (add them to REVIEW): ${unmapped.map((e) => e.id).join(", ")}`,
    );
  return {
    $comment:
      "Generated by openapi/tools/extract-docs-examples.mjs from ../shared/reference; do not edit by hand (hand review lives in the script's REVIEW table). test/docs-examples.test.ts checks it is current.",
    entries,
  };
}

export const serialize = (corpus) => `${JSON.stringify(corpus, null, 2)}\n`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { reference: { type: "string" }, check: { type: "boolean" } } });
  const text = serialize(extractCorpus(values.reference ? resolve(values.reference) : defaultReferenceDir));
  if (values.check) {
    const current = existsSync(fixturePath) ? readFileSync(fixturePath, "utf8") : "";
    if (current !== text) {
      console.error(`${fixturePath} is out of date: run node openapi/tools/extract-docs-examples.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(fixturePath, text);
    console.log(`wrote ${fixturePath}`);
  }
}
