// Type-checked, never run: an ESM TypeScript consumer of @aurous/contract-tests (ESM-only).
import { buildMatrix, defaultSpecPath, loadSpec, type MatrixEntry } from "@aurous/contract-tests";

export const entries: MatrixEntry[] = buildMatrix(loadSpec(defaultSpecPath()));
export const ids: string[] = entries.map((entry) => entry.id);
// @ts-expect-error -- the path is a string
loadSpec(42);
