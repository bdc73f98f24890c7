// Everything the sandbox remembers, built from its config: keys, credits, uploads, characters, the
// synthesis and generation timers and the blob store. State lives in memory; only image bytes go to disk.
import { CharacterService } from "./characters/service.js";
import { CharacterStore } from "./characters/store.js";
import type { Clock } from "./clock.js";
import type { SandboxConfig } from "./config/load.js";
import { newSecret } from "./crypto.js";
import { OutputUrlSigner } from "./generations/output-url.js";
import { GenerationService } from "./generations/service.js";
import { GenerationStore } from "./generations/store.js";
import { RefUrlSigner } from "./refs/signed-url.js";
import { BlobStore } from "./storage/blob-store.js";
import { Scheduler } from "./synthesis/scheduler.js";
import { AccountService } from "./teams/account.js";
import { KeyRegistry } from "./teams/keys.js";
import { CreditLedger } from "./teams/ledger.js";
import { UploadService } from "./uploads/service.js";

export interface SandboxState {
  config: SandboxConfig;
  clock: Clock;
  keys: KeyRegistry;
  ledger: CreditLedger;
  account: AccountService;
  blobs: BlobStore;
  uploads: UploadService;
  store: CharacterStore;
  characters: CharacterService;
  scheduler: Scheduler;
  refUrls: RefUrlSigner;
  generationStore: GenerationStore;
  generations: GenerationService;
  outputUrls: OutputUrlSigner;
}

export function createState(
  config: SandboxConfig,
  dataDir: string,
  clock: Clock,
  onJobError: (key: string, error: unknown) => void,
): SandboxState {
  const blobs = new BlobStore(dataDir);
  const ledger = new CreditLedger(config.teams.map((t) => [t.id, t.credits] as const));
  const scheduler = new Scheduler(onJobError);
  const store = new CharacterStore();
  // Fresh secrets per process: URLs from an earlier run point at state that is gone anyway.
  const uploads = new UploadService(blobs, clock, newSecret());
  const generationStore = new GenerationStore();
  return {
    config,
    clock,
    keys: new KeyRegistry(config.teams),
    ledger,
    account: new AccountService(config.teams, ledger, clock),
    blobs,
    uploads,
    store,
    characters: new CharacterService({
      store,
      uploads,
      ledger,
      scheduler,
      blobs,
      clock,
      synthesisDelayMs: config.synthesisDelayMs,
    }),
    scheduler,
    refUrls: new RefUrlSigner(newSecret()),
    generationStore,
    generations: new GenerationService({
      store: generationStore,
      characters: store,
      ledger,
      scheduler,
      blobs,
      clock,
      generationDelayMs: config.generationDelayMs,
    }),
    outputUrls: new OutputUrlSigner(newSecret()),
  };
}
