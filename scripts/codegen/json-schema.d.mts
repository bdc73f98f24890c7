// Types of json-schema.mjs. Ajv's own types are not importable from here (outside every package):
// the shapes below are the parts callers use.
export interface SchemaError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}
export interface Validate {
  (value: unknown): boolean;
  errors?: SchemaError[] | null;
}

export const SPEC_ID: string;
export function rebaseRefs<T>(node: T, id?: string): T;
export function specPointer(...parts: Array<string | number>): string;
export interface SpecAjv {
  /** The Ajv instance (the caller's Ajv2020 class). */
  ajv: unknown;
  compile(schema: unknown): Validate;
  at(pointer: string): Validate;
}
export function specAjv(
  deps: { Ajv2020: new (options: object) => unknown; addFormats: unknown },
  doc: object,
  options?: { closedWorld?: boolean },
): SpecAjv;
