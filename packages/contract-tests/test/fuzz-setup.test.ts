// The fuzz mints upload tickets again mid-run, when its own requests may have emptied the bucket:
// a 429 there is waited out, not mistaken for a broken server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareFuzzContext } from "../src/fuzz/setup.js";
import { loadSpec } from "../src/spec/bundle.js";

let server: Server;
let origin = "";
let refuseNext = 0;
let inits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      inits++;
      if (refuseNext > 0) {
        refuseNext--;
        res
          .writeHead(429, { "Content-Type": "application/json", "Retry-After": "1" })
          .end('{"error":{"code":"too_many_requests"}}');
        return;
      }
      res.writeHead(201, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          upload_id: `upl_01HXMQ7Z3K8Y2NABCDEFGHJK${String(inits).padStart(2, "0")}`,
          upload_url: `${origin}/storage/uploads/x?expires=1&signature=s`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fuzz set-up", () => {
  it("waits out a 429 when it mints a ticket, through the caller's hook", async () => {
    const ctx = await prepareFuzzContext(origin, "al_live_key", loadSpec(), 0);
    expect(ctx.tickets).toHaveLength(2);
    refuseNext = 2;
    const waits: number[] = [];
    const ticket = await ctx.mintTicket!(async (seconds) => {
      waits.push(seconds);
    });
    expect(waits).toEqual([1, 1]);
    expect(ticket.upload_id).toMatch(/^upl_/);
  });

  it("gives up after five waits and says what the server answered", async () => {
    const ctx = await prepareFuzzContext(origin, "al_live_key", loadSpec(), 0);
    refuseNext = 6;
    await expect(ctx.mintTicket!(async () => {})).rejects.toThrow(/upload init answered 429/);
    refuseNext = 0;
  });
});
