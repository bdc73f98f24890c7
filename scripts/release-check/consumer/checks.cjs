// Runtime assertions shared by esm.mjs and cjs.cjs, so that both module systems are held to exactly
// the same checks. CommonJS, because an ES module can import it but CommonJS cannot import ESM on
// every Node the packages support. Packages are loaded through `load` (import() or require), so
// the same code proves each module system gets a working build.
"use strict";
const assert = require("node:assert/strict");

/** Every export subpath must load and export something. */
function checkEntry(specifier, namespace) {
  const names = Object.keys(namespace).filter((name) => name !== "default" && name !== "module.exports");
  assert.ok(names.length > 0 || namespace.default !== undefined, `${specifier} exports nothing`);
}

/** Per-package checks beyond "it loads"; each returns one line for the log. */
const packageChecks = {
  /** Real round trips through the published client, against the sandbox. */
  async "@aurous/client"({ system, load, resolve, env }) {
    // Each module system must get its own build: import → dist/index.js, require → dist/index.cjs.
    const resolved = resolve("@aurous/client");
    assert.match(
      resolved,
      system === "esm" ? /\/dist\/index\.js$/ : /\/dist\/index\.cjs$/,
      `${system} loaded ${resolved}`,
    );
    const client = await load("@aurous/client");
    const { uploadFile } = await load("@aurous/client/node");
    assert.match(client.API_VERSION, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(typeof uploadFile, "function", "@aurous/client/node exports uploadFile");

    const aurous = new client.Aurous({ apiKey: env.AUROUS_API_KEY, baseUrl: env.AUROUS_BASE_URL, maxRetries: 0 });
    const ticket = await aurous.uploads.init({
      filename: `release-check-${system}.png`,
      extension: "png",
      content_type: "image/png",
    });
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
      assert.ok(
        error instanceof client.AurousApiError,
        `expected AurousApiError, got ${error?.name}: ${error?.message}`,
      );
      assert.equal(error.status, 401);
      assert.equal(error.code, "revoked_api_key");
      return true;
    });
    return `uploads.init → ${ticket.data.upload_id}, characters.list → ${page.data.data.length} item(s), revoked key → 401 revoked_api_key`;
  },

  /** The server stubs load, and were generated from the same contract as the client. */
  async "@aurous/server-stubs"({ load, installed }) {
    const stubs = await load("@aurous/server-stubs");
    assert.equal(typeof stubs.createAurousServer, "function", "@aurous/server-stubs exports createAurousServer");
    const operations = Object.keys(stubs.operations).sort();
    if (!installed.includes("@aurous/client")) return `createAurousServer, ${operations.length} operations`;
    const client = await load("@aurous/client");
    assert.deepEqual(operations, Object.keys(client.operations).sort(), "client and stubs know the same operations");
    assert.ok(stubs.apiVersions.includes(client.API_VERSION), "the stubs serve the client's API version");
    return `createAurousServer, ${operations.length} operations, the same as the client's`;
  },

  /** ESM-only: the bundled spec ships inside the package and is the client's API version. */
  async "@aurous/contract-tests"({ system, load, installed }) {
    if (system !== "esm") return undefined;
    const tests = await load("@aurous/contract-tests");
    const doc = tests.loadSpec(tests.defaultSpecPath());
    assert.ok(tests.buildMatrix(doc).length > 0, "the shipped spec documents entries");
    if (installed.includes("@aurous/client")) {
      assert.equal(
        doc.info.version,
        (await load("@aurous/client")).API_VERSION,
        "contract-tests checks the client's API version",
      );
    }
    return `shipped spec ${doc.info.version}, ${tests.buildMatrix(doc).length} documented entries`;
  },
};

/** Loads every entry, then runs the checks of the installed packages; returns the log lines. */
async function run(system, load, resolve, env) {
  const entries = JSON.parse(env.RELEASE_CHECK_ENTRIES ?? "[]");
  const installed = JSON.parse(env.RELEASE_CHECK_PACKAGES ?? "[]");
  for (const specifier of entries) checkEntry(specifier, await load(specifier));
  const lines = [`${entries.length} entry points load: ${entries.join(", ")}`];
  for (const name of installed) {
    const line = await packageChecks[name]?.({ system, load, resolve, env, installed });
    if (line) lines.push(`${name}: ${line}`);
  }
  return lines.join("\n");
}

module.exports = { run };
