import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

const bundle = readFileSync(new URL('../../openapi/dist/openapi.json', import.meta.url), 'utf8');

/**
 * The generated fetch client always carries a Server-Sent Events reader (about 0.7 kB gzip), but
 * the contract has no `text/event-stream` response, so nothing can reach it. While that holds, the
 * published build swaps the module for a stub that throws; the day the contract adds a stream, the
 * stub switches itself off.
 */
const dropUnreachableSse: Plugin = {
  name: 'drop-unreachable-sse',
  setup(build) {
    if (bundle.includes('text/event-stream')) return;
    build.onLoad({ filter: /generated[\\/]core[\\/]serverSentEvents\.gen\.ts$/ }, () => ({
      loader: 'ts',
      contents:
        "export const createSseClient = (): never => { throw new Error('The Aurous contract has no event-stream operations'); };",
    }));
  },
};

export default defineConfig({
  // validators is its own entry so the zod schemas land in their own chunk: an app that never uses
  // them (or the Aurous class) drops that chunk entirely, thanks to "sideEffects": false.
  entry: { index: 'src/index.ts', node: 'src/node.ts', validators: 'src/generated/validators.ts' },
  format: ['esm', 'cjs'],
  // tsup's dts step sets the baseUrl option, deprecated in TypeScript 6.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Node is only the build target's resolution default; the core imports nothing from Node (the
  // package test bundles dist/index.js for the browser to prove it).
  platform: 'node',
  splitting: true,
  treeshake: true,
  esbuildPlugins: [dropUnreachableSse],
});
