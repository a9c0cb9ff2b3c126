import 'server-only';
import type { Db } from '@/db/client';
import { listGazetteerFacilities } from '@/db/queries/complaint-links';
import { getReferenceDataVersion, listActiveCategories } from '@/db/queries/intake';
import { getWorkCalendar, listDeadlinePolicies } from '@/db/queries/sla';
import { buildGazetteer, type Gazetteer, type GazetteerFacility } from '@/lib/linking/gazetteer';
import { loadRouter } from '@/lib/routing/load-router.server';
import type { Router } from '@/lib/routing/router';
import type { DeadlinePolicy, WorkCalendar } from '@/lib/sla/compute-deadlines';
import { loadTriageRules } from '@/lib/triage/get-triage-rules.server';
import type { TriageRule } from '@/lib/triage/rules';

/**
 * The reference data every new complaint needs (the routing table with its offices and division
 * tree, the deadline policies, the holiday calendar, the active categories, the triage keyword
 * rules, the facility gazetteer), read once and shared
 * by the requests of one process instead of ≈ 7,000 rows re-read per submission.
 *
 * Freshness: an entry is checked every `SUQIU_REFERENCE_CACHE_MS` (default 5 s; 0 turns the cache
 * off), so an admin's change to rules, policies, calendar or offices applies to new complaints within
 * that time in every app instance; `resetReferenceData()` drops it at once in this process. The check
 * reads one number, the count of statements that wrote reference data (`reference_data_version`,
 * kept by triggers in the writers' transactions), and reloads only when it moved (a full reload costs
 * ≈ 80 ms of CPU); the data is reloaded regardless after `MAX_AGE_MS`. Entries are keyed by the
 * database handle (tests open several databases in one process). Concurrent requests of an expired
 * entry share one check (and reload).
 */
export interface ReferenceData {
  router: Router;
  policies: DeadlinePolicy[];
  calendar: WorkCalendar;
  /** Active categories by code (level 1 and 2). */
  categories: Map<string, { nameZh: string; nameEn: string; parentCode: string | null; level: number }>;
  /** The active triage keyword rules (admin-editable). */
  triageRules: readonly TriageRule[];
  /** Facility names and short forms, for linking complaints to facilities (`lib/linking/`). */
  gazetteer: Gazetteer;
}

const TTL_MS = Number(process.env.SUQIU_REFERENCE_CACHE_MS ?? 5_000);
/** Reloaded in full at least this often, whatever the count says (a restore run with triggers off). */
const MAX_AGE_MS = 10 * 60_000;

interface Loaded {
  /** The count of reference-data writes the data was read at (read before it). */
  version: number;
  loadedAt: number;
  data: ReferenceData;
}
interface Entry {
  /** When this entry was checked against the database. */
  at: number;
  loaded: Promise<Loaded>;
  data: Promise<ReferenceData>;
}
const g = globalThis as unknown as { __suqiuReference?: WeakMap<object, Entry> };

/**
 * The count first, then the data: a change committing in between leaves data newer than its count,
 * which only makes the next check reload once more.
 */
async function loadCounted(db: Db, now: number, version?: number): Promise<Loaded> {
  const v = version ?? (await getReferenceDataVersion(db));
  return { version: v, loadedAt: now, data: await load(db) };
}

/** The cached copy when the count has not moved since it was read, else a fresh one. */
async function revalidate(db: Db, previous: Promise<Loaded>, now: number): Promise<Loaded> {
  const prev = await previous;
  if (now - prev.loadedAt >= MAX_AGE_MS) return loadCounted(db, now);
  const version = await getReferenceDataVersion(db);
  return version === prev.version ? prev : loadCounted(db, now, version);
}

async function load(db: Db): Promise<ReferenceData> {
  const [router, policies, calendar, cats, triageRules, facilities] = await Promise.all([
    loadRouter(db),
    listDeadlinePolicies(db),
    getWorkCalendar(db),
    listActiveCategories(db),
    loadTriageRules(db),
    listGazetteerFacilities(db),
  ]);
  return {
    router,
    gazetteer: buildGazetteer(facilities as GazetteerFacility[]),
    triageRules,
    policies,
    calendar,
    categories: new Map(
      cats.map((c) => [
        c.code,
        { nameZh: c.nameZh, nameEn: c.nameEn, parentCode: c.parentCode, level: c.level },
      ]),
    ),
  };
}

export function getReferenceData(db: Db, options: { now?: number } = {}): Promise<ReferenceData> {
  const now = options.now ?? Date.now();
  g.__suqiuReference ??= new WeakMap();
  const entries = g.__suqiuReference;
  const hit = entries.get(db);
  if (hit && now - hit.at < TTL_MS) return hit.data;
  if (TTL_MS <= 0) return load(db);
  const loaded = hit ? revalidate(db, hit.loaded, now) : loadCounted(db, now);
  const data = loaded.then((l) => l.data);
  entries.set(db, { at: now, loaded, data });
  data.catch(() => {
    if (entries.get(db)?.data === data) entries.delete(db);
  });
  return data;
}

/** Forget the cached reference data (after an admin's save has committed in this process; tests). */
export function resetReferenceData(): void {
  g.__suqiuReference = undefined;
}
