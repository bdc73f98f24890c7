/** Root of every error the client throws: `err instanceof AurousError` catches them all. */
export class AurousError extends Error {
  // Explicit names survive minification, unlike `new.target.name`.
  override name = 'AurousError';
}
