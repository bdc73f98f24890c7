// Answers for requests that never become fastify requests: Node's HTTP parser refuses them (a
// control byte in a header, obs-fold, Content-Length with Transfer-Encoding, a bad chunk, an unknown
// method, an HTTP/2 preface, headers over the limit, a request that did not arrive in time) or they
// are CONNECTs. Each still gets the documented envelope with a request id, then the connection closes.
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { envelope } from "./errors.js";
import { newRequestId } from "./request-id.js";

interface RawAnswer {
  status: number;
  code: string;
  message: string;
}

function classify(error: Error & { code?: string }, requestTimeoutMs: number): RawAnswer {
  switch (error.code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return {
        status: 408,
        code: "invalid_request",
        message: `The request did not arrive within the server's time limit (${requestTimeoutMs} ms for the whole request); the connection is closed.`,
      };
    case "HPE_HEADER_OVERFLOW":
      return { status: 431, code: "request_too_large", message: "The request headers are too large (16 KiB at most)." };
    case "HPE_INVALID_METHOD":
      return {
        status: 400,
        code: "invalid_request",
        message: "The request method is not an HTTP/1.1 method this server serves.",
      };
    case "HPE_PAUSED_H2_UPGRADE":
      return { status: 400, code: "invalid_request", message: "HTTP/2 is not served here; use HTTP/1.1." };
    default:
      return {
        status: 400,
        code: "invalid_request",
        message: `The request is not valid HTTP/1.1${error.code?.startsWith("HPE_") ? ` (${error.code})` : ""}.`,
      };
  }
}

export function writeRawEnvelope(socket: Duplex, answer: RawAnswer, version: string): void {
  // A response already under way on this socket cannot be replaced; the socket just closes.
  const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !pending?.headersSent) {
    const requestId = newRequestId();
    const body = JSON.stringify(
      envelope(answer.status, { code: answer.code, message: answer.message, param: null }, requestId),
    );
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? "Error"}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `Aurous-Request-Id: ${requestId}\r\n` +
        `Aurous-Version: ${version}\r\n` +
        "X-Content-Type-Options: nosniff\r\n" +
        "Connection: close\r\n\r\n" +
        body,
    );
  }
  socket.destroy();
}

/** fastify's `clientErrorHandler`: Node's parser and timeout errors, in the envelope. */
export function createClientErrorHandler(version: string, requestTimeoutMs: number) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    // A reset connection has nobody to answer.
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    writeRawEnvelope(socket, classify(error, requestTimeoutMs), version);
  };
}

/** CONNECT never reaches the router (Node emits it separately and drops it unanswered otherwise). */
export function answerConnect(socket: Duplex, version: string): void {
  writeRawEnvelope(
    socket,
    { status: 404, code: "resource_not_found", message: "No route for CONNECT: this server is not a proxy." },
    version,
  );
}
