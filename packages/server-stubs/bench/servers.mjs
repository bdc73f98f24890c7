// One benchmark target per process (so the load generator does not share its event loop):
//   node bench/servers.mjs stubs|stubs-validated|stubs-redis|glue|fastify|fastify-headers|http → its port (IPC or stdout).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import Fastify from "fastify";
import openapiGlue from "fastify-openapi-glue";
import { Redis } from "ioredis";
import * as built from "../dist/index.js";

const kind = process.argv[2];
// `stubs-before`, `stubs-validated-before`: the stubs from another build (BENCH_BEFORE_DIST, e.g. a copy of dist/ from before
// a change), to compare two versions of the runtime in the same run.
const { RedisIdempotencyStore, RedisRateLimitStore, createAurousServer, operations } = kind.endsWith("-before")
  ? await import(new URL(`file://${process.env.BENCH_BEFORE_DIST}/index.js`).href)
  : built;

const CHARACTER = {
  id: "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR",
  object: "character",
  name: "Aurora the Adventurer",
  status: "ready",
  refs: [{ pose: "front", url: "https://example.test/ref.png" }],
  created_at: "2026-05-08T10:00:00Z",
  updated_at: "2026-05-08T10:00:00Z",
  client_reference_id: null,
  attributes: { gender: "female", age: 28 },
  error_message: null,
  aurous_version: "2026-05-15",
};

function stubs(validateResponses, stores) {
  const notUsed = (req) => req.fail(500, "internal_error", "not part of the benchmark");
  const team = { teamId: "team_bench", scope: "full" };
  return createAurousServer({
    validateResponses,
    stores,
    authenticate: (key) => (key === "al_live_bench" ? team : null),
    // The real in-memory token bucket runs on every request, on a clock sped up a million times, so that
    // the 240-token characters_get bucket never empties (otherwise nearly every answer is a 429).
    now: () => Date.now() * 1_000_000,
    // Every other operation answers 500: only getCharacter is driven. The list comes from the spec, so
    // the bench keeps starting when operations are added.
    implementation: {
      ...Object.fromEntries(Object.keys(operations).map((id) => [id, notUsed])),
      getCharacter: (req) => ({ status: 200, body: { ...CHARACTER, id: req.params.id } }),
    },
  });
}

let redisServer = null;
const exit = () => {
  redisServer?.kill("SIGKILL");
  process.exit(0);
};

async function start() {
  if (kind === "http") {
    const server = http.createServer((req, res) => {
      const id = req.url.split("/")[3];
      const body = JSON.stringify({ ...CHARACTER, id });
      res.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    return server.address().port;
  }
  let app;
  if (kind === "fastify") {
    app = Fastify();
    app.get("/v1/characters/:id", async (req) => ({ ...CHARACTER, id: req.params.id }));
  } else if (kind === "fastify-headers") {
    // Bare fastify sending the five headers the contract puts on every answer, with fixed values:
    // what the headers alone cost, without any of the work behind them.
    app = Fastify();
    app.get("/v1/characters/:id", async (req, reply) => {
      reply.headers({
        "Aurous-Request-Id": "req_01JCN8ZK5W3T6Q9RVX2YBHMDEA",
        "X-RateLimit-Limit": 240,
        "X-RateLimit-Remaining": 239,
        "X-RateLimit-Reset": 1779000000,
        "Aurous-Version": "2026-05-15",
      });
      return { ...CHARACTER, id: req.params.id };
    });
  } else if (kind === "glue") {
    // The peer: fastify-openapi-glue mounting the same bundled spec (routes, parameter validation,
    // response serialization compiled from the response schemas), the same handler, and a security
    // handler per API-key scheme that checks the key as the stubs' authenticate does.
    const require = createRequire(import.meta.url);
    const specification = JSON.parse(readFileSync(require.resolve("@aurous/openapi/openapi.json"), "utf8"));
    const checkKey = (key) => {
      if (key !== "al_live_bench") throw Object.assign(new Error("invalid key"), { statusCode: 401 });
    };
    // The spec's x- annotations are not ajv keywords; fastify's default ajv is strict about them.
    app = Fastify({ ajv: { customOptions: { strict: false } } });
    app.register(openapiGlue, {
      specification,
      serviceHandlers: { getCharacter: async (req) => ({ ...CHARACTER, id: req.params.id }) },
      securityHandlers: {
        ApiKeyAuth: (req) => checkKey(req.headers["x-api-key"]),
        BearerAuth: (req) => checkKey(/^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1]),
      },
    });
  } else if (kind === "stubs-redis") {
    // The same stubs with both stores on a local redis-server of their own (no persistence).
    const port = 20000 + (process.pid % 20000);
    redisServer = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    const redis = new Redis({ host: "127.0.0.1", port, retryStrategy: (n) => (n > 50 ? null : 100) });
    redis.on("error", () => {}); // refused while redis-server starts; ioredis retries
    await redis.ping();
    app = stubs(false, { rateLimit: new RedisRateLimitStore(redis), idempotency: new RedisIdempotencyStore(redis) });
  } else {
    app = stubs(kind.startsWith("stubs-validated"));
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  return app.server.address().port;
}

const port = await start();
if (process.send) process.send({ port });
else console.log(port); // run by hand: `node bench/servers.mjs stubs`
// CPU time spent by this process: per-request cost that does not depend on what else the machine runs.
process.on("message", (m) => m === "cpu" && process.send?.({ cpu: process.cpuUsage() }));
process.on("disconnect", exit);
process.on("SIGINT", exit);
process.on("SIGTERM", exit);
