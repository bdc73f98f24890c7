// x-codeSamples for every operation: a curl command and the same call through @aurous/client.
// Paths, headers, parameters and bodies come from the spec (its examples); the TypeScript call is
// the client's method for the operation, named in CLIENT_METHODS. The client's tests type-check
// every TypeScript sample against the built client, so a renamed method or a changed body type
// fails there instead of rotting in the docs.
import { resolve } from "./resolve.mjs";

/** operationId → the @aurous/client call and what it takes, in order. */
export const CLIENT_METHODS = {
  initCharacterUpload: { call: "uploads.init", args: ["body"] },
  uploadCharacterImage: { call: "uploads.put", args: [] }, // written out by hand below: it needs a ticket
  classifyCharacterUpload: { call: "uploads.classify", args: ["body.upload_id"] },
  createCharacter: { call: "characters.create", args: ["body"] },
  listCharacters: { call: "characters.list", args: ["query"] },
  getCharacter: { call: "characters.get", args: ["id"] },
  updateCharacter: { call: "characters.update", args: ["id", "body"] },
  deleteCharacter: { call: "characters.delete", args: ["id"] },
  saveCharacter: { call: "characters.save", args: ["id"] },
  regenerateCharacterRef: { call: "characters.regenerateRef", args: ["id", "body"] },
  resynthesizeCharacter: { call: "characters.resynthesize", args: ["id", "body"] },
};

/** Query parameters a sample leaves out: a cursor comes from a previous page. */
const PAGE_CURSORS = ["starting_after"];

const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
const tsValue = (value) => JSON.stringify(value, null, 2).replace(/"([A-Za-z_][A-Za-z0-9_]*)":/g, "$1:").replace(/"/g, "'");

function parameters(doc, item, op) {
  return [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(doc, p));
}

function exampleOf(doc, parameter) {
  if (parameter.example !== undefined) return parameter.example;
  const schema = resolve(doc, parameter.schema ?? {});
  return schema?.examples?.[0] ?? schema?.example;
}

/** The request body's first example (named examples first, then the schema's). */
function bodyExample(doc, op) {
  const body = resolve(doc, op.requestBody);
  const media = body?.content?.["application/json"];
  if (!media) return undefined;
  const named = Object.values(media.examples ?? {})[0];
  if (named) return resolve(doc, named).value;
  if (media.example !== undefined) return media.example;
  const schema = resolve(doc, media.schema);
  return schema?.examples?.[0] ?? schema?.example;
}

/** What a sample needs: the concrete path, query and body, and whether a key is sent. */
function requestOf(doc, path, item, op) {
  const params = parameters(doc, item, op);
  let concrete = path;
  const query = {};
  for (const p of params) {
    if (p.in === "path") concrete = concrete.replace(`{${p.name}}`, encodeURIComponent(String(exampleOf(doc, p))));
    // A first call has no cursor yet: the sample shows the first page.
    if (p.in === "query" && !PAGE_CURSORS.includes(p.name)) {
      const value = exampleOf(doc, p);
      if (value !== undefined) query[p.name] = value;
    }
  }
  const id = params.find((p) => p.in === "path" && p.name === "id");
  return {
    path: concrete,
    query,
    body: bodyExample(doc, op),
    id: id ? exampleOf(doc, id) : undefined,
    idempotent: op["x-aurous-idempotency"]?.honours_key === true,
  };
}

function curlSample(doc, path, method, request) {
  const base = doc.servers?.[0]?.url ?? "";
  const search = new URLSearchParams(Object.entries(request.query).map(([k, v]) => [k, String(v)])).toString();
  const lines = [`curl -s -X ${method.toUpperCase()} ${shellQuote(`${base}${request.path}${search ? `?${search}` : ""}`)}`];
  lines.push(`-H "X-Api-Key: $AUROUS_API_KEY"`, `-H ${shellQuote(`Aurous-Version: ${doc.info.version}`)}`);
  if (request.idempotent) lines.push(`-H "Idempotency-Key: $(uuidgen)"`);
  if (request.body !== undefined) lines.push(`-H 'Content-Type: application/json'`, `-d ${shellQuote(JSON.stringify(request.body))}`);
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

function tsSample(doc, operationId, request) {
  const method = CLIENT_METHODS[operationId];
  if (!method) throw new Error(`no @aurous/client method is known for ${operationId}: add it to CLIENT_METHODS`);
  if (operationId === "uploadCharacterImage") {
    const init = bodyExample(doc, doc.paths["/v1/characters/uploads/init"].post);
    return [
      "import { readFile } from 'node:fs/promises';",
      ...TS_HEADER,
      `const { data: ticket } = await aurous.uploads.init(${tsValue(init)});`,
      "// The client sends the ticket's upload_headers and no API key to the signed URL.",
      `await aurous.uploads.put(ticket, await readFile(${tsValue(init.filename)}));`,
      "",
    ].join("\n");
  }
  const args = method.args.map((kind) => {
    if (kind === "id") return tsValue(request.id);
    if (kind === "query") return tsValue(request.query);
    if (kind === "body") return tsValue(request.body);
    if (kind.startsWith("body.")) return tsValue(request.body[kind.slice(5)]);
    throw new Error(`unknown argument kind ${kind}`);
  });
  if (request.idempotent) args.push("{ idempotencyKey: crypto.randomUUID() }");
  return [
    ...TS_HEADER,
    `const { data, requestId } = await aurous.${method.call}(${args.join(", ")});`,
    "console.log(data, requestId);",
    "",
  ].join("\n");
}

/** The x-codeSamples of one operation. */
export function codeSamples(doc, path, method, item, op) {
  const request = requestOf(doc, path, item, op);
  const curl = op.operationId === "uploadCharacterImage" ? UPLOAD_CURL : curlSample(doc, path, method, request);
  return [
    { lang: "Shell", label: "curl", source: curl },
    { lang: "TypeScript", label: "@aurous/client", source: tsSample(doc, op.operationId, request) },
  ];
}
