// GET /storage/refs/{character_id}/{index}?expires=…&token=… serves a character's ref image. The
// signed token is the only credential (like the upload PUT, no API key): a tampered URL is
// 401 signature_invalid, an expired one 403 ref_url_expired (fetch the character again for fresh
// URLs), and an image that no longer exists 404 resource_not_found, each in the API's envelope.
import { envelope } from "@aurous/server-stubs";
import type { FastifyInstance } from "fastify";
import type { SandboxState } from "../../state.js";

interface RefRoute {
  Params: { id: string; index: string };
  Querystring: { expires?: string; token?: string };
}

export function mountRefRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get<RefRoute>("/storage/refs/:id/:index", async (request, reply) => {
    const { id, index } = request.params;
    const reject = (status: number, code: string, message: string) =>
      reply.code(status).send(envelope(status, { code, message, param: null }, request.id));

    const position = /^\d{1,2}$/.test(index) ? Number(index) : -1;
    const check = state.refUrls.check(id, position, request.query.expires, request.query.token, state.clock.now());
    if (!check.ok && check.reason === "invalid")
      return reject(401, "signature_invalid", "The ref URL signature is missing or does not match.");
    if (!check.ok)
      return reject(403, "ref_url_expired", "This ref URL has expired; retrieve the character again for fresh URLs.");

    // Soft-deleted characters keep serving their refs (generations that used them still work).
    const ref = state.store.peek(id)?.refs[position];
    const bytes = ref ? await state.blobs.get(ref.blobKey) : null;
    if (!ref || !bytes) return reject(404, "resource_not_found", "This ref image no longer exists.");
    return reply.header("Content-Type", ref.contentType).header("Cache-Control", "private, max-age=3600").send(bytes);
  });
}
