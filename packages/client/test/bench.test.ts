// `pnpm bench` itself is not part of the test run (it takes minutes of both cores); this runs it
// at its smallest settings so that the script cannot rot: every row and verdict is printed, the
// settings are checked, and no forked server or worker outlives it. It asserts no timings.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));
const script = `${benchDir}run.mjs`;

async function bench(env: Record<string, string>) {
  return run(process.execPath, [script], { env: { ...process.env, ...env }, timeout: 120_000 });
}

/** Processes still running one of the bench's scripts (Linux: read from /proc). */
function benchProcesses(): string[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return command.includes(benchDir) ? [command] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

const number = String.raw`\d+(?:\.\d+)?`;
const row = (label: string) =>
  new RegExp(`^ {2}${label.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\d+ +\\d+ +${number}× \\(n/a\\) +\\d+ µs \\(\\d+ µs\\)$`, 'm');

describe('pnpm bench (smallest settings)', () => {
  it('prints every row, says one sample cannot judge a target, and leaves no process behind', async () => {
    const { stdout } = await bench({ BENCH_PAIRS: '1', BENCH_ROUNDS: '1', BENCH_WARM_UP: '1' });
    const [oneAtATime, inFlight] = stdout.split('16 calls in flight');
    for (const label of [
      'client, validation off',
      'client, validation on',
      '  raw fetch, second process (control)',
      '  client, validation off, 30 s timeout',
      '  raw fetch + per-call timeout',
      '  hey-api fetch client',
    ]) {
      expect(oneAtATime).toMatch(row(label));
    }
    for (const label of ['client, validation off', 'client, validation on', '  raw fetch, second process (control)']) {
      expect(inFlight).toMatch(row(label));
    }
    expect(inFlight).not.toContain('hey-api fetch client');
    expect(oneAtATime).toMatch(/validation off \S+× vs ≥ 0\.90×: not judged \(one sample/);
    expect(oneAtATime).toMatch(/validation on \S+× vs ≥ 0\.80×: not judged \(one sample/);
    expect(stdout).toMatch(new RegExp(`one-operation +${number} kB min +${number} kB gzip`));
    expect(stdout).toMatch(/Target: one operation without validators \S+ kB vs ≤ 6 kB gzip: (meets|MISSES) target/);
    expect(benchProcesses()).toEqual([]);
  }, 120_000);

  it.each(['0', '1.5', 'many'])('refuses BENCH_PAIRS=%s before starting anything', async (value) => {
    const failure = await bench({ BENCH_PAIRS: value }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`BENCH_PAIRS must be a whole number ≥ 1, not ${value}`);
    expect(benchProcesses()).toEqual([]);
  });
});
