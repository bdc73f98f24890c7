// A CommonJS consumer of the packed packages: `require`, as a classic Node app writes it.
"use strict";
const client = require("@aurous/client");
const clientNode = require("@aurous/client/node");
const stubs = require("@aurous/server-stubs");
const checks = require("./checks.cjs");

async function main() {
  // The export subpaths that declare a `require` condition (ESM-only packages have none).
  const entries = JSON.parse(process.env.RELEASE_CHECK_ENTRIES ?? "[]");
  for (const specifier of entries) checks.checkEntry(specifier, require(specifier));

  console.log(`${entries.length} entries loaded`);
  console.log(await checks.checkClient("cjs", client, clientNode, require.resolve("@aurous/client"), process.env));
  console.log(checks.checkServerStubs(stubs, client));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
