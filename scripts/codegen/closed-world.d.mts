/** A copy of `schema` in which every open object schema (not a combinator member) is closed. */
export function closeObjects<T>(schema: T, options?: { isMember?: boolean }): T;
