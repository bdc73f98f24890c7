// A raw TCP client for what HTTP libraries refuse to send: malformed requests, trickled bodies.
import { connect, type Socket } from "node:net";
import type { FastifyInstance } from "fastify";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent. */
  raw: string;
}

export async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  return (app.server.address() as { port: number }).port;
}

export function parseResponse(raw: string): RawResponse {
  const end = raw.indexOf("\r\n\r\n");
  const head = end >= 0 ? raw.slice(0, end) : raw;
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body: end >= 0 ? raw.slice(end + 4) : "", raw };
}

/**
 * Opens a connection, lets `drive` write to it, and resolves with what the server sent once it
 * closes the connection. `safetyMs` only guards the test run against a server that never closes.
 */
export function exchange(
  port: number,
  drive: (socket: Socket) => void,
  safetyMs = 15_000,
): Promise<RawResponse & { closed: true }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const guard = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `the server did not close the connection; it sent: ${Buffer.concat(chunks).toString("latin1").slice(0, 300)}`,
        ),
      );
    }, safetyMs);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () => {}); // a reset after the answer is fine: the answer is what counts
    socket.on("close", () => {
      clearTimeout(guard);
      resolve({ ...parseResponse(Buffer.concat(chunks).toString("latin1")), closed: true });
    });
    socket.on("connect", () => drive(socket));
  });
}

/** Sends `request` in one write and waits for the server to close. */
export const sendRaw = (port: number, request: string | Buffer) => exchange(port, (s) => s.write(request));

/** Writes `bytes` one at a time, `everyMs` apart, until the socket closes. */
export function trickle(socket: Socket, bytes: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= bytes.length) return clearInterval(timer);
    socket.write(bytes[i++]!);
  }, everyMs);
  socket.once("close", () => clearInterval(timer));
}
