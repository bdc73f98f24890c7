/** Root of every error the client throws: `err instanceof AurousError` catches them all. */
export class AurousError extends Error {
  // Explicit names survive minification, unlike `new.target.name`. Fields set in constructors are
  // `declare`d throughout the errors so that no field definitions are emitted (smaller, faster).
  override name = "AurousError";
}
