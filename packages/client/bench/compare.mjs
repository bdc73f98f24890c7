// How one row of `pnpm bench` is measured: fresh pairs of worker processes (raw fetch, task) take
// turns running chunks of calls, and the ratio of their calls/s is pooled over the pairs.
import { Child } from "./child.mjs";

/** calls/s of the task over raw fetch's in the same rounds: total calls over total time. */
const ratioOf = (samples) =>
  samples.reduce((sum, sample) => sum + sample.raw.wall, 0) /
  samples.reduce((sum, sample) => sum + sample.task.wall, 0);

const pick = (items) => items[Math.floor(Math.random() * items.length)];

/**
 * A bootstrap interval of about 95 % for the pooled ratio, resampling pairs and then rounds within
 * each. With a handful of pairs it is approximate; it is there to show the spread, not to prove.
 */
function intervalOf(pairs) {
  const draws = Array.from({ length: 2_000 }, () =>
    ratioOf(
      pairs.flatMap(() => {
        const pair = pick(pairs);
        return pair.map(() => pick(pair));
      }),
    ),
  ).toSorted((a, b) => a - b);
  return [draws[49], draws[1949]];
}

function perCall(chunks, calls) {
  const n = calls * chunks.length;
  return {
    rate: n / chunks.reduce((sum, chunk) => sum + chunk.wall, 0),
    cpu: chunks.reduce((sum, chunk) => sum + chunk.cpu, 0) / n,
  };
}

/** Warms both up, then takes turns; `order` says which side starts (it alternates by pair). */
async function takeTurns(sides, order, { calls, inFlight, rounds, warmUpCalls }) {
  for (let done = 0; done < warmUpCalls; done += calls) {
    for (const side of order) await sides[side].ask({ calls, inFlight });
  }
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const sample = {};
    for (const side of round % 2 ? order.toReversed() : order)
      sample[side] = await sides[side].ask({ calls, inFlight });
    samples.push(sample);
  }
  return samples;
}

/**
 * One row: `pairs` times a fresh raw-fetch process and a fresh task process. Fresh pairs because a
 * process's JIT state is luck of the draw and a long-lived one drifts; pooling several averages
 * that out, where more rounds in one pair would not. Which side is started and goes first
 * alternates from pair to pair.
 */
export async function measureRow(baseUrl, task, { pairs, ...settings }) {
  const samplesByPair = [];
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 ? ["task", "raw"] : ["raw", "task"];
    const sides = {};
    try {
      for (const side of order) {
        const name = side === "raw" ? "raw fetch" : task;
        sides[side] = await Child.start("./worker.mjs", [baseUrl, name], `${side} worker (${name}), pair ${i + 1}`);
      }
      samplesByPair.push(await takeTurns(sides, order, settings));
    } finally {
      await Promise.all(Object.values(sides).map((side) => side.stop()));
    }
  }
  const samples = samplesByPair.flat();
  const raw = perCall(
    samples.map((sample) => sample.raw),
    settings.calls,
  );
  const own = perCall(
    samples.map((sample) => sample.task),
    settings.calls,
  );
  // One sample (one pair, one round) has no spread to resample: no interval then.
  const interval = samples.length > 1 ? intervalOf(samplesByPair) : undefined;
  return { ...own, rawRate: raw.rate, rawCpu: raw.cpu, ratio: ratioOf(samples), interval };
}
