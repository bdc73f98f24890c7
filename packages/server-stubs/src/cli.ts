#!/usr/bin/env node
// aurous-server-stubs scaffold <dir> [--force]: writes a typed starter implementation and server.
import { writeScaffold } from "./scaffold/write.js";

const USAGE = "usage: aurous-server-stubs scaffold <dir> [--force]";
const [command, ...rest] = process.argv.slice(2);
const force = rest.includes("--force");
const dir = rest.find((a) => !a.startsWith("--"));

if (command !== "scaffold" || !dir) {
  console.error(USAGE);
  process.exit(command === "--help" || command === "-h" ? 0 : 2);
}
try {
  for (const file of writeScaffold(dir, { force })) console.log(`wrote ${file}`);
} catch (error) {
  console.error(String((error as Error).message));
  process.exit(1);
}
