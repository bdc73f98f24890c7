// An ESM consumer of the packed packages: `import`, as an app with "type": "module" writes it.
import * as client from "@aurous/client";
import * as clientNode from "@aurous/client/node";
import * as stubs from "@aurous/server-stubs";
import checks from "./checks.cjs";

// Every export subpath of every packed package (the release check lists them from the manifests).
const entries = JSON.parse(process.env.RELEASE_CHECK_ENTRIES ?? "[]");
for (const specifier of entries) checks.checkEntry(specifier, await import(specifier));

const resolved = import.meta.resolve("@aurous/client");
console.log(`${entries.length} entries loaded`);
console.log(await checks.checkClient("esm", client, clientNode, resolved, process.env));
console.log(checks.checkServerStubs(stubs, client));
