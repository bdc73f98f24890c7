// The sandbox's implementation of every operation, through the stubs' typed handler contract. The
// runtime has already authenticated, rate-limited, validated and claimed the Idempotency-Key; each
// handler only applies the domain rules and shapes the answer.
import type {
  AuthContext,
  Character,
  CompleteImplementation,
  HandlerRequest,
  OperationId,
  UploadCheck,
  UploadCheckRequest,
} from "@aurous/server-stubs";
import { listLoras } from "../catalog/loras.js";
import { pricingFor } from "../catalog/pricing.js";
import type { CharacterRecord } from "../characters/model.js";
import { characterView } from "../characters/view.js";
import type { GenerationRecord } from "../generations/model.js";
import { generationView } from "../generations/view.js";
import type { SandboxState } from "../state.js";
import { requestOrigin } from "./origin.js";
import { failWith } from "./results.js";

export interface SandboxAuth extends AuthContext {
  teamId: string;
}

/** The parts of a storage PUT that its URL and headers decide. */
const putRequestOf = (request: UploadCheckRequest<SandboxAuth>) => ({
  uploadId: request.params.upload_id,
  expires: String(request.query.expires),
  signature: request.query.signature,
  contentType: request.raw.headers["content-type"],
});

/** The storage PUT's URL check (signature, expiry, ticket state, Content-Type), run before its body is read. */
export function createUploadCheck(state: SandboxState): UploadCheck<SandboxAuth> {
  return (request) => {
    const checked = state.uploads.checkPut(putRequestOf(request));
    return checked.ok ? undefined : failWith(request.fail, checked);
  };
}

/**
 * The output URL's credential: a token minted for output `n` of generation `id` (request.params)
 * authorises that download as the generation's team, read-only; anything else is no credential.
 */
export function createOutputTokenCheck(
  state: SandboxState,
): (token: string, request: { params: unknown }) => SandboxAuth | null {
  return (token, request) => {
    const { id, n } = (request.params ?? {}) as { id?: unknown; n?: unknown };
    const index = typeof n === "number" ? n : typeof n === "string" && /^\d{1,2}$/.test(n) ? Number(n) : NaN;
    if (typeof id !== "string" || Number.isNaN(index)) return null;
    const record = state.generationStore.peek(id);
    if (!record || !state.outputUrls.verify(record.id, index, token)) return null;
    return { teamId: record.teamId, scope: "read" };
  };
}

/**
 * Every operation of the spec, the signed-URL PUT included, keyed by operationId: an operation added
 * to the spec fails to compile here ("Property '<operationId>' is missing") until it has a handler.
 */
export function createImplementation(
  state: SandboxState,
  fallbackOrigin: () => string,
): CompleteImplementation<SandboxAuth> {
  const origin = (request: HandlerRequest<OperationId, SandboxAuth>) => requestOrigin(request.raw, fallbackOrigin);
  const view = (request: HandlerRequest<OperationId, SandboxAuth>, record: CharacterRecord): Character =>
    characterView(record, state.refUrls, origin(request), state.clock.now());
  const generation = (request: HandlerRequest<OperationId, SandboxAuth>, record: GenerationRecord) =>
    generationView(record, {
      outputs: state.outputUrls,
      refs: state.refUrls,
      origin: origin(request),
      nowMs: state.clock.now(),
    });

  return {
    initCharacterUpload: (request) => {
      const result = state.uploads.init(request.auth.teamId, request.body, origin(request));
      return result.ok ? { status: 201, body: result.value } : failWith(request.fail, result);
    },

    uploadCharacterImage: async (request) => {
      // Checked again now that the body is in: the ticket may have expired or been used meanwhile.
      const checked = state.uploads.checkPut(putRequestOf(request));
      if (!checked.ok) return failWith(request.fail, checked);
      const stored = await state.uploads.acceptBytes(checked.value, request.body);
      return stored.ok ? { status: 204 } : failWith(request.fail, stored);
    },

    classifyCharacterUpload: (request) => {
      const result = state.uploads.classify(request.auth.teamId, request.body.upload_id);
      return result.ok ? { status: 200, body: result.value } : failWith(request.fail, result);
    },

    listCharacters: (request) => {
      const page = state.characters.list({
        teamId: request.auth.teamId,
        limit: request.query.limit ?? 20,
        startingAfter: request.query.starting_after,
        status: request.query.status,
      });
      return {
        status: 200,
        body: {
          object: "list",
          data: page.data.map((r) => view(request, r)),
          has_more: page.hasMore,
          next_cursor: page.nextCursor,
        },
      };
    },

    createCharacter: (request) => {
      const result = state.characters.create(request.auth.teamId, request.body, request.version);
      return result.ok ? { status: 201, body: view(request, result.value) } : failWith(request.fail, result);
    },

    getCharacter: (request) => {
      const result = state.characters.get(request.auth.teamId, request.params.id);
      return result.ok ? { status: 200, body: view(request, result.value) } : failWith(request.fail, result);
    },

    updateCharacter: (request) => {
      const result = state.characters.update(request.auth.teamId, request.params.id, request.body);
      return result.ok ? { status: 200, body: view(request, result.value) } : failWith(request.fail, result);
    },

    deleteCharacter: async (request) => {
      const result = await state.characters.delete(request.auth.teamId, request.params.id);
      return result.ok
        ? { status: 200, body: { id: result.value.id, object: "character", deleted: true } }
        : failWith(request.fail, result);
    },

    saveCharacter: (request) => {
      const result = state.characters.save(request.auth.teamId, request.params.id);
      return result.ok ? { status: 200, body: view(request, result.value) } : failWith(request.fail, result);
    },

    regenerateCharacterRef: (request) => {
      const result = state.characters.regenerateRef(request.auth.teamId, request.params.id, request.body.pose);
      return result.ok ? { status: 200, body: view(request, result.value) } : failWith(request.fail, result);
    },

    resynthesizeCharacter: (request) => {
      const result = state.characters.resynthesize(request.auth.teamId, request.params.id);
      return result.ok ? { status: 200, body: view(request, result.value) } : failWith(request.fail, result);
    },

    getBalance: (request) => ({ status: 200, body: state.account.balance(request.auth.teamId) }),

    getTeam: (request) => ({ status: 200, body: state.account.team(request.auth.teamId) }),

    getPricing: (request) => ({ status: 200, body: pricingFor(request.version) }),

    listLoras: () => ({ status: 200, body: listLoras() }),

    createImage: (request) => {
      const result = state.generations.create(request.auth.teamId, request.body, {
        requestId: request.requestId,
        version: request.version,
      });
      return result.ok ? { status: 201, body: generation(request, result.value) } : failWith(request.fail, result);
    },

    estimateImage: (request) => {
      const result = state.generations.estimate(request.auth.teamId, request.body);
      if (!result.ok) return failWith(request.fail, result);
      const { amount, base, enhance } = result.value;
      return {
        status: 200,
        body: { object: "estimate", estimated_cost: { amount, breakdown: { base, enhance } }, currency: "credit" },
      };
    },

    listImages: (request) => {
      const result = state.generations.list({
        teamId: request.auth.teamId,
        limit: request.query.limit ?? 20,
        startingAfter: request.query.starting_after,
        endingBefore: request.query.ending_before,
      });
      if (!result.ok) return failWith(request.fail, result);
      return {
        status: 200,
        body: {
          object: "list",
          data: result.value.data.map((r) => generation(request, r)),
          has_more: result.value.hasMore,
          next_cursor: result.value.nextCursor,
        },
      };
    },

    getImage: (request) => {
      const result = state.generations.get(request.auth.teamId, request.params.id);
      return result.ok ? { status: 200, body: generation(request, result.value) } : failWith(request.fail, result);
    },

    cancelImage: (request) => {
      const result = state.generations.cancel(request.auth.teamId, request.params.id);
      return result.ok ? { status: 200, body: generation(request, result.value) } : failWith(request.fail, result);
    },

    getImageOutput: async (request) => {
      // request.auth is the key's team, or the generation's team when the URL's token authorised it.
      const result = await state.generations.output(request.auth.teamId, request.params.id, request.params.n);
      if (!result.ok) return failWith(request.fail, result);
      const maxAge = Math.max(0, Math.floor((result.value.expiresAt - state.clock.now()) / 1000));
      const headers = { "Content-Type": "image/png" as const, "Cache-Control": `private, max-age=${maxAge}` };
      return { status: 200, body: result.value.bytes, headers };
    },
  };
}
