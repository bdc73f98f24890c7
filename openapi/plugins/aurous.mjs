// Local Redocly plugin. Its `changelog` decorator runs at bundle time (and again in build-docs) and
// appends the changelog rendered from `x-aurous-versions` to info.description: the registry stays
// the single source, and the bundle, the docs and the frozen releases all carry the same text.
import { withChangelog } from "../tools/lib/changelog.mjs";
import { readRegistry } from "../tools/lib/registry.mjs";

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

export default function aurousPlugin() {
  return { id: "aurous", decorators: { oas3: { changelog: Changelog } } };
}
