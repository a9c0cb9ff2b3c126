/**
 * The demo city generator: deterministic for a seed and a scale. Steps run in dependency order,
 * each in its own transaction; each step file documents what it loads and the patterns it plants.
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { queryRow } from '../sql';
import { seedComplaints } from './complaints';
import { createRng, DEFAULT_COMPLAINTS, DEFAULT_SCALE, type SeedContext, type SeedOptions } from './context';
import { seedFacilities } from './facilities';
import { seedGeography } from './geography';
import { seedOffices } from './organisation';
import { seedTaxonomy } from './taxonomy';
import { seedUsers } from './users';

export const SEED_DATA_DIR = path.join(process.cwd(), 'db', 'seed', 'data');

export function defaultSeedOptions(overrides: Partial<SeedOptions> = {}): SeedOptions {
  return {
    seed: 20_201_101,
    scale: DEFAULT_SCALE,
    complaints: DEFAULT_COMPLAINTS,
    months: 12,
    now: new Date(),
    dataDir: SEED_DATA_DIR,
    log: (m) => console.log(m),
    ...overrides,
  };
}

const STEPS = [
  ['taxonomy', seedTaxonomy],
  ['geography', seedGeography],
  ['offices', seedOffices],
  ['facilities', seedFacilities],
  ['users', seedUsers],
  ['complaints', seedComplaints],
] as const;

export async function isSeeded(db: Db): Promise<boolean> {
  const row = await queryRow<{ seeded: boolean }>(db, sql`select exists (select 1 from divisions) as seeded`);
  return Boolean(row?.seeded);
}

/** Load the whole demo city into an empty database. */
export async function seedDemoCity(db: Db, options: SeedOptions): Promise<void> {
  if (await isSeeded(db)) throw new Error('The database already holds a city; seed an empty database.');
  const ctx: SeedContext = { ...options, rng: createRng(options.seed) };
  for (const [name, step] of STEPS) {
    const t0 = performance.now();
    await step(db, { ...ctx, rng: ctx.rng.fork(name) });
    ctx.log(`seed: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}
