import type { Character, Generation } from "../generated/types.gen.js";
import { AurousError } from "./base.js";
import { AurousTimeoutError } from "./transport.js";

/** `waitFor` saw the character reach `failed`; `errorMessage` is the server's `error_message`. */
export class AurousCharacterFailedError extends AurousError {
  override name = "AurousCharacterFailedError";
  declare readonly character: Character;
  declare readonly errorMessage: string | null;

  constructor(character: Character) {
    super(`character ${character.id} failed: ${character.error_message ?? "no reason given"}`);
    this.character = character;
    this.errorMessage = character.error_message;
  }
}

/**
 * A wait's deadline passed: `characters.waitFor` before the character reached a wanted status, or
 * `images.waitFor`/`images.createAndWait` before the generation reached a terminal one.
 */
export class AurousWaitTimeoutError extends AurousTimeoutError {
  override name = "AurousWaitTimeoutError";
  /** The last state of the character waited for, if any poll succeeded. */
  declare readonly character: Character | undefined;
  /** The last state of the generation waited for (`images.waitFor`), if any poll succeeded. */
  declare readonly generation: Generation | undefined;

  constructor(id: string, timeoutMs: number, character: Character | undefined);
  constructor(id: string, timeoutMs: number, generation: Generation | undefined, operation: "getImage");
  constructor(
    id: string,
    timeoutMs: number,
    last: Character | Generation | undefined,
    operation: "getCharacter" | "getImage" = "getCharacter",
  ) {
    const what = operation === "getImage" ? "generation" : "character";
    super(operation, timeoutMs, `${what} ${id} still ${last?.status ?? "unknown"} after ${timeoutMs} ms`);
    // Only the field of the waited-for resource is set, so the error's JSON names one of them.
    if (operation === "getImage") this.generation = last as Generation | undefined;
    else this.character = last as Character | undefined;
  }
}
