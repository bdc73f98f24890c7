import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (request: RecordedRequest, response: ServerResponse, index: number) => void;

export interface StubServer {
  url: string;
  /** Every request received since the last `reset`. */
  requests: RecordedRequest[];
  /** Replaces the handler and clears the recorded requests. */
  reset(handler: Handler): void;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 whose answers each test scripts. */
export async function startStub(): Promise<StubServer> {
  let handler: Handler = (_request, response) => response.writeHead(500).end();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      handler(recorded, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset(next) {
      handler = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export const REQUEST_ID = "req_01JCN8ZK5W3T6Q9RVX2YBHMDEA";

/** Writes a JSON answer with the headers every API response carries. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Aurous-Request-Id": REQUEST_ID,
    "Aurous-Version": "2026-05-15",
    ...headers,
  });
  response.end(text);
}

export function errorBody(type: string, code: string, message = `stubbed ${code}`) {
  return {
    error: {
      type,
      code,
      message,
      param: null,
      doc_url: `https://docs.aurous-labs.com/errors#${code}`,
      request_id: REQUEST_ID,
    },
  };
}
