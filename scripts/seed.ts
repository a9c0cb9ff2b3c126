/**
 * npm run db:seed -- [--seed N] [--scale F] [--complaints N] [--months N] [--if-empty] [--reset]
 *
 * Loads the Panzhihua demo city into the database chosen by DATABASE_URL (server) or the embedded
 * PGlite folder (SUQIU_DATA_DIR, default .data/pglite). Never run it while the app holds the same
 * PGlite folder open: PGlite has no lock and one of the two would lose writes.
 * After the city, the learned category suggester is trained once (as `npm run triage:train`), so a
 * fresh demo city has a model; runs with `--conditions=react-server` for that server-only verb.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client';
import { setTriageLearnSince } from '../db/queries/triage';
import { defaultSeedOptions, isSeeded, seedDemoCity } from '../db/seed';
import { trainTriageModel } from '../lib/triage/train-triage-model.server';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    scale: { type: 'string' },
    complaints: { type: 'string' },
    months: { type: 'string' },
    'if-empty': { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
  },
});

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`--${name} must be a non-negative number, got "${value}"`);
  return n;
}

const options = defaultSeedOptions({
  ...(values.seed ? { seed: numberOption('seed', values.seed) } : {}),
  ...(values.scale ? { scale: numberOption('scale', values.scale) } : {}),
  ...(values.complaints ? { complaints: numberOption('complaints', values.complaints) } : {}),
  ...(values.months ? { months: numberOption('months', values.months) } : {}),
});

const t0 = performance.now();
const handle = await openDb();
try {
  if (values.reset) {
    await handle.db.execute(sql`drop schema public cascade`);
    await handle.db.execute(sql`drop schema if exists drizzle cascade`);
    await handle.db.execute(sql`create schema public`);
    const { migrateDb } = await import('../db/migrate');
    await migrateDb(handle);
  }
  if (values['if-empty'] && (await isSeeded(handle.db))) {
    console.log(`seed: ${handle.location} already holds the demo city; nothing to do.`);
  } else {
    console.log(
      `seed: ${handle.engine} database ${handle.location}, seed ${options.seed}, scale ${options.scale}, ${options.complaints} complaints`,
    );
    await seedDemoCity(handle.db, options);
    // The generated history is not staff knowledge: the suggester learns from decisions made from now on.
    await setTriageLearnSince(handle.db, new Date());
    const t1 = performance.now();
    const cpu = process.cpuUsage();
    const model = await trainTriageModel(handle.db, { trigger: 'seed' });
    const used = process.cpuUsage(cpu);
    console.log(
      `seed: triage model #${model.id} (${model.confirmedCount} confirmed + ${model.corpusCount} labelled texts, ${model.labelCount} categories) in ${((performance.now() - t1) / 1000).toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s CPU)`,
    );
    console.log(`seed: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  await handle.close();
}
