// A small HTTP proxy that forwards to an upstream and can rewrite answers on the way back. It
// plays a deliberately broken server for the mutation check (renamed error code, missing required
// field, undocumented field, undocumented status) and a failing one for the fault check (an injected 500), so both
// can be shown without changing the server itself.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Match {
  method?: string;
  /** Tested against the path without the query string. */
  path?: RegExp;
}

export type Mutation =
  /** Replace `error.code` `from` by `to` wherever it appears. */
  | { kind: "rename-code"; from: string; to: string; match?: Match }
  /** Delete a top-level field of a 2xx JSON body. */
  | { kind: "drop-field"; field: string; match?: Match }
  /** Add a top-level field the spec does not list to a 2xx JSON body. */
  | { kind: "add-field"; field: string; value: unknown; match?: Match }
  /** Answer with another status, body untouched. */
  | { kind: "status"; status: number; match?: Match }
  /** Do not forward: answer with this response (fault injection). */
  | { kind: "respond"; status: number; headers: Record<string, string>; body: string; match?: Match };

export interface MutationProxy {
  url: string;
  /** How many responses were changed, per mutation index. */
  hits: number[];
  /** Round trips to the upstream: answered (any status) and failed (nothing answered). */
  upstream: { answered: number; failed: number };
  setMutations(mutations: Mutation[]): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "host",
]);

function matches(m: Match | undefined, method: string, path: string): boolean {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  return m.path ? m.path.test(path) : true;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startMutationProxy(upstream: string, initial: Mutation[] = []): Promise<MutationProxy> {
  let mutations = initial;
  const hits: number[] = [];
  const upstreamStats = { answered: 0, failed: 0 };
  const server: Server = createServer(async (req, res) => {
    try {
      const method = req.method ?? "GET";
      const url = new URL(req.url ?? "/", upstream);
      const body = await readBody(req);
      const active = mutations.findIndex((m) => matches(m.match, method, url.pathname));
      const mutation = active >= 0 ? mutations[active] : undefined;
      if (mutation?.kind === "respond") {
        hits[active] = (hits[active] ?? 0) + 1;
        res.writeHead(mutation.status, mutation.headers).end(mutation.body);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (!HOP_BY_HOP.has(name) && value !== undefined)
          headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      let upstreamResponse: Response;
      try {
        upstreamResponse = await fetch(url, {
          method,
          headers,
          body: body.length > 0 && method !== "GET" && method !== "HEAD" ? (body as unknown as BodyInit) : undefined,
          redirect: "manual",
        });
      } catch (error) {
        upstreamStats.failed++;
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        res
          .writeHead(502, { "content-type": "text/plain" })
          .end(`mutation proxy: nothing answered at ${upstream} (${cause})`);
        return;
      }
      upstreamStats.answered++;
      let status = upstreamResponse.status;
      let text = await upstreamResponse.text();
      const outHeaders: Record<string, string> = {};
      upstreamResponse.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name)) outHeaders[name] = value;
      });
      if (mutation) {
        let changed = false;
        if (mutation.kind === "status") {
          status = mutation.status;
          changed = true;
        } else if (mutation.kind === "rename-code" && text.includes(`"${mutation.from}"`)) {
          const json = JSON.parse(text) as { error?: { code?: string } };
          if (json.error?.code === mutation.from) {
            json.error.code = mutation.to;
            text = JSON.stringify(json);
            changed = true;
          }
        } else if (mutation.kind === "drop-field" && status < 300 && text.startsWith("{")) {
          const json = JSON.parse(text) as Record<string, unknown>;
          if (mutation.field in json) {
            delete json[mutation.field];
            text = JSON.stringify(json);
            changed = true;
          }
        } else if (mutation.kind === "add-field" && status < 300 && text.startsWith("{")) {
          text = JSON.stringify({ ...(JSON.parse(text) as Record<string, unknown>), [mutation.field]: mutation.value });
          changed = true;
        }
        if (changed) hits[active] = (hits[active] ?? 0) + 1;
      }
      res.writeHead(status, outHeaders).end(text);
    } catch (error) {
      res.writeHead(502, { "content-type": "text/plain" }).end(`mutation proxy: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    upstream: upstreamStats,
    setMutations(next) {
      mutations = next;
      hits.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
