// Sending: envelopes for refusals outside an operation, and results of an operation (with the
// off-spec → 500 fallback). Answers of versioned operations (and outside any) echo Aurous-Version;
// the others (the signed-URL PUT) do not. An operation's answer is validated (prepare) in the newest shape and downgraded to the echoed version
// only when sent, so idempotent replays are shaped for whoever replays them.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { OperationMeta } from "../contract/meta.js";
import type { ErrorInit } from "../contract/types.js";
import { envelope, INTERNAL_ERROR } from "./errors.js";
import { buildResponse, OffSpecResponse, type OutgoingResponse, type ResponseValidators } from "./responses.js";
import { stateOf } from "./state.js";
import type { VersionResolver } from "./version.js";
import type { VersionChanges } from "./version-changes.js";

export type ResultLike = Parameters<typeof buildResponse>[1];

export const failResult = (status: number, code: string, message: string, param: string | null = null): ResultLike => ({
  status,
  error: { code, message, param },
});

export interface Responder {
  /** An envelope outside any operation (unknown route, malformed URL, the implementation's routes). */
  sendEnvelope(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    init: ErrorInit,
    headers?: Record<string, string | number>,
  ): FastifyReply;
  /** Builds the answer to an operation's result; an off-spec result is reported and becomes 500. */
  prepare(
    request: FastifyRequest,
    meta: OperationMeta,
    result: ResultLike,
    validators: ResponseValidators | null,
  ): OutgoingResponse;
  /** Sends a prepared answer, downgraded to the echoed version by the version changes. */
  send(request: FastifyRequest, reply: FastifyReply, meta: OperationMeta, out: OutgoingResponse): FastifyReply;
}

export type ReportFailure = (
  error: unknown,
  reason: "off_spec_response" | "version_change_threw",
  request: FastifyRequest,
) => void;

const INTERNAL = (): ResultLike => ({ status: 500, error: { ...INTERNAL_ERROR } });

export function createResponder(versions: VersionResolver, changes: VersionChanges, report: ReportFailure): Responder {
  const echo = (request: FastifyRequest, reply: FastifyReply) => {
    const st = stateOf(request);
    // Outside any operation (404, bad URL) the answer is the API's, so it is versioned too.
    if (st.op?.versioned !== false) reply.header("Aurous-Version", st.version ?? versions.first);
  };
  /** The answer in the shape of the version it is echoed with. */
  const downgrade = (request: FastifyRequest, meta: OperationMeta, out: OutgoingResponse): OutgoingResponse => {
    const st = stateOf(request);
    const plan = meta.versioned ? changes.plan(meta.operationId, st.version ?? versions.first) : null;
    if (!plan) return out;
    try {
      return plan.downgrade(out, st.refusedBy);
    } catch (error) {
      report(error, "version_change_threw", request);
      return buildResponse(meta, INTERNAL(), request.id, null);
    }
  };
  return {
    sendEnvelope(request, reply, status, init, headers) {
      if (headers) reply.headers(headers);
      echo(request, reply);
      return reply.code(status).send(envelope(status, init, request.id));
    },
    prepare(request, meta, result, validators) {
      try {
        return buildResponse(meta, result, request.id, validators);
      } catch (error) {
        if (!(error instanceof OffSpecResponse)) throw error;
        report(error, "off_spec_response", request);
        return buildResponse(meta, INTERNAL(), request.id, null);
      }
    },
    send(request, reply, meta, prepared) {
      const out = downgrade(request, meta, prepared);
      if (out.headers) reply.headers(out.headers);
      echo(request, reply);
      reply.code(out.status);
      return out.body === undefined ? reply.send() : reply.send(out.body);
    },
  };
}
