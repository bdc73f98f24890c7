// Gives the fuzz real resources to aim at: a few ready characters of the fuzz key's team, made
// through the free upload flow, so body faults on by-id operations meet an existing character.
import { send } from "../http/exchange.js";
import { retryAfterSeconds, sleepSeconds } from "../http/wait.js";
import { png } from "../server/png.js";
import { headers, req } from "../server/requests.js";
import { listOperations } from "../spec/operations.js";
import type { OpenApiDocument } from "../spec/types.js";
import type { FuzzContext } from "./context.js";

async function readyCharacter(baseUrl: string, key: string, n: number): Promise<string> {
  const init = await send(baseUrl, req.init({ key }));
  if (init.status !== 201)
    throw new Error(`fuzz set-up: upload init answered ${init.status}: ${init.bodyText.slice(0, 200)}`);
  const ticket = init.json as { upload_id: string; upload_url: string };
  const url = new URL(ticket.upload_url);
  const put = await send(baseUrl, {
    method: "PUT",
    path: `${url.pathname}${url.search}`,
    headers: { "Content-Type": "image/png" },
    body: png(32, 32 + n),
  });
  if (put.status !== 204)
    throw new Error(`fuzz set-up: upload PUT answered ${put.status}: ${put.bodyText.slice(0, 200)}`);
  const created = await send(baseUrl, {
    ...req.create({ key }, { name: `Fuzz Target ${n}`, upload_ids: [ticket.upload_id] }),
    headers: headers({ key, idempotencyKey: crypto.randomUUID() }, true),
  });
  if (created.status !== 201)
    throw new Error(`fuzz set-up: create answered ${created.status}: ${created.bodyText.slice(0, 200)}`);
  return (created.json as { id: string }).id;
}

export async function prepareFuzzContext(
  baseUrl: string,
  apiKey: string,
  doc: OpenApiDocument,
  characters = 3,
): Promise<FuzzContext> {
  const characterIds: string[] = [];
  for (let i = 0; i < characters; i++) characterIds.push(await readyCharacter(baseUrl, apiKey, i));
  // Called again mid-run when a ticket's URL expired, when the fuzz may have drained the bucket.
  const mintTicket = async (onRateLimited: (retryAfterSeconds: number) => Promise<void> = sleepSeconds) => {
    for (let attempt = 0; ; attempt++) {
      const init = await send(baseUrl, req.init({ key: apiKey }));
      if (init.status === 429 && attempt < 5) {
        await onRateLimited(retryAfterSeconds(init.headers));
        continue;
      }
      if (init.status !== 201)
        throw new Error(`fuzz set-up: upload init answered ${init.status}: ${init.bodyText.slice(0, 200)}`);
      return init.json as { upload_id: string; upload_url: string };
    }
  };
  const tickets = [await mintTicket(), await mintTicket()];
  return { apiKey, apiVersion: doc.info.version, characterIds, operations: listOperations(doc), tickets, mintTicket };
}
