// The server under test, as the server-side suite sees it: three ways in (Prism's validating
// proxy with --errors, the same proxy reporting instead of refusing, and the server itself) and
// the keys its scenarios need. Optional hooks exist only for servers we control (the sandbox).
export interface ServerKeys {
  /** A `full`-scope key of the main team, with plenty of credits. */
  full: string;
  /** A key of another team (cross-team 404s). */
  secondTeam: string;
  /** A key of a team with (almost) no credits (402s). */
  lowCredit?: string;
  /** A `read`-scope key (403 on writes). */
  readOnly?: string;
  /** A `write`-scope key (403 on reads). */
  /** A revoked key. */
  revoked?: string;
}

export interface ServerHooks {
  /** Moves the server's clock forward (upload URL expiry, bucket refill). */
  advanceClock?: (ms: number) => Promise<void> | void;
  /** Text that makes the server fail an image generation when it is in the prompt (the sandbox's `[sandbox:fail]`). */
  failingPrompt?: string;
}

export interface ServerTarget {
  /** Prism `proxy --errors` in front of the server: valid requests go here. */
  strictUrl: string;
  /** Prism `proxy` without --errors: deliberately invalid requests go here (Prism would refuse them). */
  observeUrl: string;
  /** The server itself: only for requests Prism cannot carry (malformed JSON). */
  directUrl: string;
  keys: ServerKeys;
  hooks?: ServerHooks;
  apiVersion: string;
  /** Poll interval and limit while waiting for a synthesis. */
  synthesisTimeoutMs?: number;
}
