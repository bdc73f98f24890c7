#!/usr/bin/env node
// Makes the rendered docs page fully offline. `redocly build-docs --inlineBundle` embeds Redoc, but
// Redoc 3 still loads its own "API docs by Redocly" logo from cdn.redoc.ly, and no option turns that
// off. This step swaps the two logo URLs for an inline SVG of the same wording, so the page makes no
// request at all; it fails loudly when a Redocly upgrade changes them, rather than letting the
// request come back unnoticed (the browser test would catch it too).
import { readFileSync, writeFileSync } from "node:fs";

const CDN_LOGOS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#666">Redocly</text></svg>`;
const LOCAL_LOGO = `data:image/svg+xml,${encodeURIComponent(svg)}`;

const file = process.argv[2];
if (!file) {
  console.error("usage: node tools/docs-offline.mjs <docs.html>");
  process.exit(2);
}
let html = readFileSync(file, "utf8");
for (const url of CDN_LOGOS) {
  if (!html.includes(url)) {
    console.error(`docs-offline: ${url} is not in ${file}; check what the new Redoc loads from the network`);
    process.exit(1);
  }
  html = html.split(url).join(LOCAL_LOGO);
}
const left = html.match(/https:\/\/cdn\.redoc\.ly\/[^"'`\s)]*/g);
if (left) {
  console.error(`docs-offline: ${file} still loads ${[...new Set(left)].join(", ")}`);
  process.exit(1);
}
writeFileSync(file, html);
console.log(`docs-offline: ${file} loads nothing from the network`);
