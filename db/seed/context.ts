import seedrandom from 'seedrandom';

/** A deterministic random source: the same seed gives the same demo city. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A child stream that does not disturb this one (e.g. one per county). */
  fork(label: string): Rng;
}

export function createRng(seed: string | number): Rng {
  const prng = seedrandom(String(seed));
  const rng: Rng = {
    next: () => prng.quick(),
    int: (min, max) => min + Math.floor(prng.quick() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(prng.quick() * items.length)] as (typeof items)[number];
    },
    weighted: (items, weight) => {
      const total = items.reduce((s, i) => s + weight(i), 0);
      let r = prng.quick() * total;
      for (const item of items) {
        r -= weight(item);
        if (r < 0) return item;
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    normal: () => {
      const u = 1 - prng.quick();
      const v = prng.quick();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork: (label) => createRng(`${seed}/${label}`),
  };
  return rng;
}

export interface SeedOptions {
  /** PRNG seed; the same seed and scale give the same city. */
  seed: number;
  /**
   * Fraction of the real population to synthesise (persons, households, buildings).
   * 1 = the 2020 census (≈ 1.21 M residents). The demo start uses DEFAULT_SCALE.
   */
  scale: number;
  /** Complaints to generate over `months` months up to `now`. */
  complaints: number;
  months: number;
  /** "Today" for the demo: complaint dates and deadline states are relative to it. */
  now: Date;
  /** Folder holding shared/data (boundaries, division codes, census). */
  dataDir: string;
  log: (message: string) => void;
}

export interface SeedContext extends SeedOptions {
  rng: Rng;
}

export const DEFAULT_SCALE = 0.05;
export const DEFAULT_COMPLAINTS = 6000;
