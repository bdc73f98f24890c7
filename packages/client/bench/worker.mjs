// One side of a comparison in `pnpm bench`: a process that holds a single task and runs a chunk of
// calls whenever run.mjs asks, answering with the chunk's wall and CPU time. Keeping raw fetch and the
// client in separate processes means each pays only for its own garbage, timers and JIT state.
import { createTask } from './tasks.mjs';

const [baseUrl, name] = process.argv.slice(2);
const task = await createTask(name, baseUrl);

/** `calls` calls, `inFlight` at a time: wall seconds and CPU microseconds of this process. */
async function chunk(calls, inFlight) {
  let left = calls;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (left-- > 0) await task();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000, cpu: used.user + used.system };
}

process.on('message', ({ calls, inFlight }) => {
  chunk(calls, inFlight).then(
    (result) => process.send(result),
    (error) => process.send({ error: `${name}: ${error?.message ?? error}` }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
