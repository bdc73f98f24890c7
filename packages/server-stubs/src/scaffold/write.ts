// Writes the scaffold files into a directory, refusing to overwrite unless asked to.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderScaffold } from "./template.js";

export function writeScaffold(dir: string, options: { force?: boolean } = {}): string[] {
  const target = resolve(dir);
  const files = renderScaffold();
  const clashes = Object.keys(files).filter((f) => existsSync(join(target, f)));
  if (clashes.length && !options.force) {
    throw new Error(`${clashes.join(", ")} already exist in ${target}; pass --force to overwrite`);
  }
  mkdirSync(target, { recursive: true });
  return Object.entries(files).map(([name, content]) => {
    writeFileSync(join(target, name), content);
    return join(target, name);
  });
}
