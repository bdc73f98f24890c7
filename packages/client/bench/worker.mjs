// One side of a comparison in `pnpm bench`: a process that holds a single task and runs a chunk of
// calls whenever run.mjs asks. Raw fetch and the client in separate processes each pay only for
// their own garbage, timers and JIT state.
import { createTask } from "./tasks.mjs";

const [baseUrl, name] = process.argv.slice(2);
const task = await createTask(name, baseUrl);
// CPU used between chunks (finalization callbacks, GC finishing) still belongs to this side.
let sinceLastChunk = process.cpuUsage();

/** `calls` calls, `inFlight` at a time: wall seconds, and CPU microseconds since the last chunk. */
async function chunk(calls, inFlight) {
  let left = calls;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (left-- > 0) await task();
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(sinceLastChunk);
  sinceLastChunk = process.cpuUsage();
  return { wall, cpu: used.user + used.system };
}

const describe = (error) =>
  [error?.message ?? String(error), error?.cause?.code ?? error?.cause?.message].filter(Boolean).join(": ");

process.on("message", ({ calls, inFlight }) => {
  chunk(calls, inFlight).then(
    (result) => process.send(result),
    (error) => process.send({ error: describe(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
