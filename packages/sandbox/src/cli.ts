#!/usr/bin/env node
// Entry point of the `aurous-sandbox` bin (and of the repo's `pnpm start`).
import { main } from "./cli/main.js";

await main(process.argv.slice(2));
