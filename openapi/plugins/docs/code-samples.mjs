// x-codeSamples for every operation: a curl command and the same call through @aurous/client.
// Everything comes from the spec model (scripts/codegen/spec-model.mjs; the decorators see the
// bundled contract, whose refs are all local, so the model reads it as is): paths, headers,
// parameters and bodies from the spec's examples, and the TypeScript call from x-aurous-sdk by the
// client's signature rule — `client.<resource>.<method>(one string per path parameter in path
// order, input?, options?)`, where input is the JSON body if any, else the query object if the
// operation has query parameters, else absent. The client's tests type-check every TypeScript
// sample against the built client, so a renamed method or a changed body type fails there.
import { bodyExample, exampleCall } from "../../../scripts/codegen/example-request.mjs";

/** Query parameters a sample leaves out: a cursor comes from a previous page. */
const PAGE_CURSORS = ["starting_after"];

const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
const tsValue = (value) =>
  JSON.stringify(value, null, 2)
    .replace(/"([A-Za-z_][A-Za-z0-9_]*)":/g, "$1:")
    .replace(/"/g, "'");

function requestOf(doc, op) {
  // A first call has no cursor yet: the sample shows the first page.
  const call = exampleCall(doc, op, { skipQuery: PAGE_CURSORS });
  return { ...call, idempotent: op.idempotency.honours_key === true };
}

function curlSample(doc, method, request) {
  const base = doc.servers?.[0]?.url ?? "";
  const search = new URLSearchParams(Object.entries(request.query).map(([k, v]) => [k, String(v)])).toString();
  const lines = [
    `curl -s -X ${method.toUpperCase()} ${shellQuote(`${base}${request.path}${search ? `?${search}` : ""}`)}`,
  ];
  lines.push(`-H "X-Api-Key: $AUROUS_API_KEY"`, `-H ${shellQuote(`Aurous-Version: ${doc.info.version}`)}`);
  if (request.idempotent) lines.push(`-H "Idempotency-Key: $(uuidgen)"`);
  if (request.body !== undefined)
    lines.push(`-H 'Content-Type: application/json'`, `-d ${shellQuote(JSON.stringify(request.body))}`);
  return lines.join(" \\\n  ");
}

const UPLOAD_CURL = [
  "# UPLOAD_URL and the Content-Type come from the init response (upload_url, upload_headers).",
  "# The signature in the URL is the credential: never send your API key to the storage host.",
  `curl -s -X PUT "$UPLOAD_URL" \\\n  -H 'Content-Type: image/jpeg' \\\n  --data-binary @front-portrait.jpg`,
].join("\n");

const TS_HEADER = [
  "import { Aurous } from '@aurous/client';",
  "",
  "const aurous = new Aurous({ apiKey: process.env.AUROUS_API_KEY! });",
];

function tsSample(model, op, request) {
  if (op.credential === "signed-url") {
    // Written out by hand: the PUT needs a ticket from init, not values from the spec.
    const init = bodyExample(
      model.document,
      model.operations.find((o) => o.sdk.resource === "uploads" && o.sdk.method === "init"),
    );
    return [
      "import { readFile } from 'node:fs/promises';",
      ...TS_HEADER,
      `const { data: ticket } = await aurous.uploads.init(${tsValue(init)});`,
      "// No API key goes to the signed URL; the headers it was signed with must.",
      `await aurous.uploads.put(ticket.upload_url, await readFile(${tsValue(init.filename)}), { headers: ticket.upload_headers });`,
      "",
    ].join("\n");
  }
  const args = request.args.map(tsValue);
  if (request.idempotent) args.push("{ idempotencyKey: crypto.randomUUID() }");
  return [
    ...TS_HEADER,
    `const { data, requestId } = await aurous.${op.sdk.resource}.${op.sdk.method}(${args.join(", ")});`,
    "console.log(data, requestId);",
    "",
  ].join("\n");
}

/** The x-codeSamples of one operation of the spec model `model`. */
export function codeSamples(model, op) {
  const request = requestOf(model.document, op);
  const curl = op.credential === "signed-url" ? UPLOAD_CURL : curlSample(model.document, op.method, request);
  return [
    { lang: "Shell", label: "curl", source: curl },
    { lang: "TypeScript", label: "@aurous/client", source: tsSample(model, op, request) },
  ];
}
