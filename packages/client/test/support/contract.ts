// Reads the documented (operation, status, code) triples straight from the bundle, independently
// of the generated meta, so the Prism test enumerates what the contract says.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const bundlePath = fileURLToPath(new URL('../../../../openapi/dist/openapi.json', import.meta.url));

type Json = Record<string, any>;
export const spec: Json = JSON.parse(readFileSync(bundlePath, 'utf8'));

export function deref(node: Json): Json {
  let current = node;
  while (current?.$ref) {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce((parent: Json, key: string) => parent[key.replaceAll('~1', '/')], spec);
  }
  return current;
}

export interface DocumentedError {
  operationId: string;
  status: number;
  code: string;
  /** Names of the response's examples (Prism's `Prefer: example=`). */
  examples: string[];
}

export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  successStatus: number;
}

export const documentedOperations: DocumentedOperation[] = [];
export const documentedErrors: DocumentedError[] = [];

for (const [path, item] of Object.entries<Json>(spec.paths)) {
  for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
    const op = item[method];
    if (!op) continue;
    for (const [statusText, ref] of Object.entries<Json>(op.responses)) {
      const status = Number(statusText);
      const response = deref(ref);
      if (status < 300) {
        documentedOperations.push({ operationId: op.operationId, method, path, successStatus: status });
        continue;
      }
      const media = response.content['application/json'];
      const error = deref(deref(media.schema).properties.error);
      const codes: string[] = error.allOf.map(deref).find((part: Json) => part.properties?.code?.enum).properties.code.enum;
      for (const code of codes) {
        documentedErrors.push({ operationId: op.operationId, status, code, examples: Object.keys(media.examples ?? {}) });
      }
    }
  }
}
