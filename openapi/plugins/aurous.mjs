// Local Redocly plugin.
//
// `changelog` runs at bundle time (and again in build-docs): it appends the changelog rendered from
// `x-aurous-versions` to info.description, so the registry stays the single source and the bundle,
// the docs and the frozen releases all carry the same text.
//
// The `docs-*` decorators run only for the rendered docs (redocly.docs.yaml), so the contract that
// code is generated from does not change: code samples, a Limits block per operation, the sandbox
// as a server, and descriptions reflowed for Redoc's search. Each is idempotent, because build-docs
// applies them again to the already-decorated docs bundle.

import { readSpecModel } from "../../scripts/codegen/spec-model.mjs";
import { withChangelog } from "../tools/lib/changelog.mjs";
import { readRegistry } from "../tools/lib/registry.mjs";
import { codeSamples } from "./docs/code-samples.mjs";
import { withLimits } from "./docs/limits.mjs";
import { reflowAll } from "./docs/reflow.mjs";

export const SANDBOX_SERVER = {
  url: "http://127.0.0.1:4010",
  description: "Local sandbox (npm start in the contract repository; its banner prints demo keys)",
};

function Changelog() {
  return {
    Root: {
      leave(root, ctx) {
        let entries;
        try {
          entries = readRegistry(root);
        } catch (error) {
          ctx.report({ message: error.message, location: ctx.location.child(["x-aurous-versions"]) });
          return;
        }
        root.info.description = withChangelog(root.info.description, entries);
      },
    },
  };
}

/** Runs `fn(root)` once on the whole document, after everything else has been visited. */
const onRoot = (fn) => () => ({ Root: { leave: (root) => fn(root) } });

// The decorators see the bundled contract (every $ref local), which the spec model reads as is.
const CodeSamples = onRoot((root) => {
  const model = readSpecModel(root);
  for (const op of model.operations) root.paths[op.path][op.method]["x-codeSamples"] = codeSamples(model, op);
});

const Limits = onRoot((root) => {
  for (const { path, method } of readSpecModel(root).operations) {
    const op = root.paths[path][method];
    op.description = withLimits(op.description, op);
  }
});

const SandboxServer = onRoot((root) => {
  root.servers ??= [];
  if (!root.servers.some((s) => s.url === SANDBOX_SERVER.url)) root.servers.push({ ...SANDBOX_SERVER });
});

const Reflow = onRoot((root) => reflowAll(root));

export default function aurousPlugin() {
  return {
    id: "aurous",
    decorators: {
      oas3: {
        changelog: Changelog,
        "docs-code-samples": CodeSamples,
        "docs-limits": Limits,
        "docs-sandbox-server": SandboxServer,
        "docs-reflow": Reflow,
      },
    },
  };
}
