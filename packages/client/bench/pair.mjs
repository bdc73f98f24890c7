// One comparison of `pnpm bench`, in a process of its own: raw fetch and one task, alternating in
// rounds of one chunk each. A process per comparison keeps the others' code and garbage out: five
// HTTP stacks in one process made undici's shared code polymorphic and let one task's leftovers
// (timers, finalization-registry entries) be collected in another's chunks.
import { createTask } from './tasks.mjs';

const { baseUrl, task, calls, inFlight, rounds } = JSON.parse(process.argv[2]);
const WARM_UP_CALLS = 5_000;

/** Wall seconds and CPU microseconds (this process) for `calls` calls, `inFlight` at a time. */
async function chunk(fn) {
  let left = calls;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (left-- > 0) await fn();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000, cpu: used.user + used.system };
}

const raw = await createTask('raw fetch', baseUrl);
const other = await createTask(task, baseUrl);
// Warm up until V8 has optimized both paths: a few hundred calls leave part of the client (and zod)
// in the interpreter, which a long-running integration would never see; 5,000 calls each do not.
for (let done = 0; done < WARM_UP_CALLS; done += calls) {
  await chunk(raw);
  await chunk(other);
}
const samples = [];
for (let i = 0; i < rounds; i++) {
  // Alternate which goes first, so that neither always runs right after the other.
  const [a, b] = i % 2 ? [other, raw] : [raw, other];
  const first = await chunk(a);
  const second = await chunk(b);
  samples.push(i % 2 ? { raw: second, task: first } : { raw: first, task: second });
}
const total = (side, key) => samples.reduce((sum, sample) => sum + sample[side][key], 0);
const perRound = samples.map((sample) => sample.raw.wall / sample.task.wall).toSorted((x, y) => x - y);
const quantile = (q) => perRound[Math.floor(q * (perRound.length - 1))];
const n = calls * rounds;
process.send({
  rawRate: n / total('raw', 'wall'),
  rate: n / total('task', 'wall'),
  rawCpu: total('raw', 'cpu') / n,
  cpu: total('task', 'cpu') / n,
  spread: [quantile(0.25), quantile(0.75)],
});
