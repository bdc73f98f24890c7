import { createAurous } from "./core/core.js";
import type { ClientEventListener, ClientEventName } from "./core/events.js";
import type { ClientOptions } from "./core/options.js";
import { AurousResources } from "./generated/resources.gen.js";
import { responseValidators } from "./generated/validators.js";
import { Characters } from "./resources/characters.js";
import { Images } from "./resources/images.js";
import { Uploads } from "./resources/uploads.js";

export interface AurousOptions extends ClientOptions {
  /** Validate every response body against the contract's schemas (zod). Default true. */
  validateResponses?: boolean;
}

/**
 * The Aurous Labs V1 Characters API client: every resource of the contract (generated, see
 * AurousResources), with the ones that have hand-written helpers swapped for their subclasses.
 *
 * ```ts
 * const aurous = new Aurous(); // apiKey from AUROUS_API_KEY
 * const { data: character, requestId } = await aurous.characters.get('char_…');
 * ```
 */
export class Aurous extends AurousResources {
  override readonly characters: Characters;
  override readonly uploads: Uploads;
  override readonly images: Images;

  constructor(options: AurousOptions = {}) {
    super(createAurous({ ...options, validators: responseValidators }));
    this.characters = new Characters(this.core);
    this.uploads = new Uploads(this.core);
    this.images = new Images(this.core);
  }

  /** Listens to `request`, `response`, `retry` or `error` of every call; returns the unsubscribe function. */
  on<E extends ClientEventName>(event: E, listener: ClientEventListener<E>): () => void {
    return this.core.events.on(event, listener);
  }
}
