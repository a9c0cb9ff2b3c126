/**
 * What the analysis benches share (bench-dbscan, bench-hotspots): the `--runs` argument, the database,
 * the CPU meter (bench-cpu.ts), a city-level user of the demo city, and the timing of variants run
 * alternately with their p50/p95 wall time and median CPU per run.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { openDb } from '../db/client';
import type { AuthUser, Role } from '../lib/auth/types';
import { cpuMeter } from './bench-cpu';

type Options = NonNullable<ParseArgsConfig['options']>;
/** The parsed values of `options` (string options; booleans where declared so). */
type Values<O extends Options> = {
  [K in keyof O]: O[K] extends { type: 'boolean' } ? boolean | undefined : string | undefined;
};

/** Parses `--runs N` (default `defaultRuns`) and `options`, opens the database and the CPU meter. */
export async function openBench<O extends Options = Record<never, never>>(defaultRuns: number, options?: O) {
  const { values } = parseArgs({
    options: { ...options, runs: { type: 'string', default: String(defaultRuns) } },
  });
  const runs = Math.max(1, Number(values.runs));
  const handle = await openDb();
  const cpu = await cpuMeter(handle);
  return { values: values as Values<O>, runs, handle, db: handle.db, cpu };
}

/** A user of the demo city's whole division (攀枝花市) in `role`. */
export const cityUser = (role: Role): AuthUser => ({
  id: 0,
  username: 'bench',
  displayName: 'bench',
  role,
  jurisdiction: { kind: 'division', divisionCode: '510400000000', divisionLevel: 'city' },
  jurisdictionName: '攀枝花市',
});

/** The q-quantile (nearest rank) of the values. */
export const pct = (values: readonly number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

export const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;

/** Wall and CPU milliseconds of each call of a variant. */
export interface Timings {
  wall: number[];
  cpu: number[];
}

/** `p50 p95 cpu` of a variant's calls (29 characters). */
export const timingColumns = (t: Timings) =>
  `${ms(pct(t.wall, 0.5))} ${ms(pct(t.wall, 0.95))} ${ms(pct(t.cpu, 0.5))}`;

/**
 * Times `run` for each variant: one warm-up call each, then `runs` rounds, the order reversed every
 * other round (neither variant always runs second, on the other's warm cache). Returns each variant's
 * timings and last answer, and the answer of the very last call.
 */
export async function alternate<K extends string, R>(
  variants: readonly K[],
  runs: number,
  cpu: () => Promise<number>,
  run: (variant: K) => Promise<R>,
): Promise<{ timings: Record<K, Timings>; answers: Partial<Record<K, R>>; last: R | undefined }> {
  const timings = Object.fromEntries(variants.map((k) => [k, { wall: [], cpu: [] } as Timings])) as Record<
    K,
    Timings
  >;
  const answers: Partial<Record<K, R>> = {};
  let last: R | undefined;
  for (const k of variants) await run(k); // warm-up
  for (let r = 0; r < runs; r++) {
    for (const k of r % 2 === 0 ? variants : [...variants].reverse()) {
      const c0 = await cpu();
      const t0 = performance.now();
      last = await run(k);
      timings[k].wall.push(performance.now() - t0);
      timings[k].cpu.push((await cpu()) - c0);
      answers[k] = last;
    }
  }
  return { timings, answers, last };
}
