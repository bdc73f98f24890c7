import type { Character } from "../generated/types.gen.js";
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

/** `waitFor`'s deadline passed before the character reached a wanted status. */
export class AurousWaitTimeoutError extends AurousTimeoutError {
  override name = "AurousWaitTimeoutError";
  /** The last state seen, if any poll succeeded. */
  declare readonly character: Character | undefined;

  constructor(id: string, timeoutMs: number, character: Character | undefined) {
    super("getCharacter", timeoutMs, `character ${id} still ${character?.status ?? "unknown"} after ${timeoutMs} ms`);
    this.character = character;
  }
}
