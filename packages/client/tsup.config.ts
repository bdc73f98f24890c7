import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
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
});
