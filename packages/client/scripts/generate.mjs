#!/usr/bin/env node
// Regenerates src/generated/ (or the folder given as the first argument) from the bundled contract:
// @hey-api/openapi-ts writes the types, the fetch client, the SDK functions and the zod schemas;
// generate-meta.mjs adds meta.ts and validators.ts. The output is deterministic (no timestamps), so
// the drift test can regenerate into a temp folder and compare byte for byte.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';
import { escapeControlCharacters } from '../../../scripts/codegen/escape-control-characters.mjs';
import { loadSpecModel } from '../../../scripts/codegen/spec-model.mjs';
import { renderMeta, renderValidators } from './generate-meta.mjs';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const bundlePath = resolve(packageRoot, '../../openapi/dist/openapi.json');

export async function generate(outDir) {
  await createClient({
    input: bundlePath,
    output: { path: outDir, clean: true, importFileExtension: '.js', tsConfigPath: null },
    logs: { level: 'silent', file: false },
    plugins: [
      '@hey-api/client-fetch',
      '@hey-api/typescript',
      // zod/mini: the same schemas, tree-shakeable, a third of the bundle size of classic zod.
      { name: 'zod', compatibilityVersion: 'mini' },
      // Validation runs in the hand-written layer so that it can be switched off per client and so
      // that its failures name the operation and field. `client: false`: every call passes its
      // client (src/core/transport.ts), so no default client instance is bundled.
      { name: '@hey-api/sdk', validator: false, client: false },
    ],
  });
  escapeControlCharacters(outDir);
  const model = loadSpecModel(bundlePath);
  writeFileSync(join(outDir, 'meta.ts'), renderMeta(model));
  writeFileSync(join(outDir, 'validators.ts'), renderValidators(model));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(packageRoot, 'src/generated'));
  await generate(outDir);
  console.log(`generated ${outDir}`);
}
