#!/usr/bin/env node
// The package's bin, committed so that `pnpm install` can link it before anything is built (a bin
// pointing into dist/ would not exist yet). The CLI itself is the built dist/cli.js.
import "../dist/cli.js";
