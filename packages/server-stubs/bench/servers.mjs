// One benchmark target per process (so the load generator does not share its event loop):
//   node bench/servers.mjs stubs|stubs-validated|fastify|fastify-headers|http → its port (IPC or stdout).
import http from "node:http";
import Fastify from "fastify";
import { createAurousServer } from "../dist/index.js";

const kind = process.argv[2];
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

function stubs(validateResponses) {
  const notUsed = (req) => req.fail(500, "internal_error", "not part of the benchmark");
  const team = { teamId: "team_bench", scope: "full" };
  return createAurousServer({
    validateResponses,
    authenticate: (key) => (key === "al_live_bench" ? team : null),
    // The real in-memory token bucket runs on every request, on a clock sped up a million times, so that
    // the 240-token characters_get bucket never empties (otherwise nearly every answer is a 429).
    now: () => Date.now() * 1_000_000,
    implementation: {
      getCharacter: (req) => ({ status: 200, body: { ...CHARACTER, id: req.params.id } }),
      initCharacterUpload: notUsed,
      classifyCharacterUpload: notUsed,
      listCharacters: notUsed,
      createCharacter: notUsed,
      updateCharacter: notUsed,
      deleteCharacter: notUsed,
      saveCharacter: notUsed,
      regenerateCharacterRef: notUsed,
      resynthesizeCharacter: notUsed,
    },
  });
}

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
  } else {
    app = stubs(kind === "stubs-validated");
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  return app.server.address().port;
}

const port = await start();
if (process.send) process.send({ port });
else console.log(port); // run by hand: `node bench/servers.mjs stubs`
// CPU time spent by this process: per-request cost that does not depend on what else the machine runs.
process.on("message", (m) => m === "cpu" && process.send?.({ cpu: process.cpuUsage() }));
process.on("disconnect", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
