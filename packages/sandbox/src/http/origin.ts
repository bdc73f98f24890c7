// The origin written into upload and ref URLs. The Host the client used is preferred (it reached
// us, so it works for them, e.g. when listening on 0.0.0.0); a malformed one falls back to the
// address the server is bound to.
import type { FastifyRequest } from "fastify";

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function requestOrigin(request: FastifyRequest, fallback: () => string): string {
  const host = request.headers.host;
  return host && HOST.test(host) ? `${request.protocol}://${host}` : fallback();
}
