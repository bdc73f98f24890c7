// Runtime assertions shared by esm.mjs and cjs.cjs, so that both module systems are held to exactly
// the same checks. CommonJS, because an ES module can import it but CommonJS cannot import ESM on
// every Node the packages support.
"use strict";
const assert = require("node:assert/strict");

/** Every export subpath of every packed package must load and export something. */
function checkEntry(specifier, namespace) {
  const names = Object.keys(namespace).filter((name) => name !== "default" && name !== "module.exports");
  assert.ok(names.length > 0 || namespace.default !== undefined, `${specifier} exports nothing`);
}

/** One real round trip per operation kind through the published client, against the sandbox. */
async function checkClient(system, client, clientNode, resolved, env) {
  // The module system must get its own build: import → dist/index.js, require → dist/index.cjs.
  assert.match(resolved, system === "esm" ? /\/dist\/index\.js$/ : /\/dist\/index\.cjs$/, `${system} loaded ${resolved}`);
  assert.match(client.API_VERSION, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(typeof clientNode.uploadFile, "function", "@aurous/client/node exports uploadFile");

  const aurous = new client.Aurous({ apiKey: env.AUROUS_API_KEY, baseUrl: env.AUROUS_BASE_URL, maxRetries: 0 });
  const ticket = await aurous.uploads.init({ filename: `release-check-${system}.png`, extension: "png", content_type: "image/png" });
  assert.match(ticket.data.upload_id, /^upl_/);
  assert.match(ticket.requestId ?? "", /^req_/);
  assert.equal(ticket.version, client.API_VERSION);

  const page = await aurous.characters.list({ limit: 1 });
  assert.equal(page.data.object, "list");
  assert.ok(Array.isArray(page.data.data));

  // A documented error must surface as the client's own error class (one class per build, even
  // though tsup splits the code into chunks).
  const revoked = new client.Aurous({ apiKey: env.AUROUS_REVOKED_KEY, baseUrl: env.AUROUS_BASE_URL, maxRetries: 0 });
  await assert.rejects(revoked.characters.list(), (error) => {
    assert.ok(error instanceof client.AurousApiError, `expected AurousApiError, got ${error?.name}: ${error?.message}`);
    assert.equal(error.status, 401);
    assert.equal(error.code, "revoked_api_key");
    return true;
  });
  return `uploads.init → ${ticket.data.upload_id}, characters.list → ${page.data.data.length} item(s), revoked key → 401 revoked_api_key`;
}

/** The server stubs load, and were generated from the same contract as the client. */
function checkServerStubs(stubs, client) {
  assert.equal(typeof stubs.createAurousServer, "function", "@aurous/server-stubs exports createAurousServer");
  assert.deepEqual(Object.keys(stubs.operations).sort(), Object.keys(client.operations).sort(), "client and stubs know the same operations");
  assert.ok(stubs.apiVersions.includes(client.API_VERSION), "stubs serve the client's API version");
  return `createAurousServer, ${Object.keys(stubs.operations).length} operations matching the client's`;
}

module.exports = { checkEntry, checkClient, checkServerStubs };
