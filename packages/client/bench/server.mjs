// The benchmark's API stand-in: answers GET /v1/characters/{id} with one fixed, valid character.
// Runs in its own process (forked by run.mjs) so that it does not share the client's event loop.
import { createServer } from "node:http";
import { API_VERSION } from "../dist/index.js";
import { CHARACTER_ID } from "./fixture.mjs";

const body = JSON.stringify({
  id: CHARACTER_ID,
  object: "character",
  name: "Aurora the Adventurer",
  status: "ready",
  refs: ["portrait", "front", "side", "back"].map((pose, i) => ({
    pose,
    url: `https://api.aurous-labs.com/storage/refs/${CHARACTER_ID}/${i}?token=3f9a1c`,
  })),
  created_at: "2026-05-08T10:00:00Z",
  updated_at: "2026-05-08T10:00:00Z",
  client_reference_id: "bot_8472",
  attributes: { gender: "female", age: 28, hair_color: "black", additional_details: "small scar above right eyebrow" },
  error_message: null,
  // The version the client pins, so that no call reports a version mismatch.
  aurous_version: API_VERSION,
});
const headers = {
  "Content-Type": "application/json",
  "Content-Length": Buffer.byteLength(body),
  "Aurous-Request-Id": "req_01JCN8ZK5W3T6Q9RVX2YBHMDEA",
  "Aurous-Version": API_VERSION,
  "X-RateLimit-Limit": "240",
  "X-RateLimit-Remaining": "239",
  "X-RateLimit-Reset": "1778235300",
};

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(200, headers).end(body));
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("disconnect", () => server.close(() => process.exit(0)));
