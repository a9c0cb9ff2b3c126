import 'server-only';
import type { Db } from '@/db/client';
import {
  disableJit,
  getMaxComplaintId,
  type ImportedComplaintRow,
  insertImportBatch,
  listTakenIdempotencyKeys,
  recordImportRefusals,
  setResolveDeadlines,
} from '@/db/queries/import';
import { listActiveCategories } from '@/db/queries/intake';
import { newTrackingCode } from '@/lib/complaints/tracking-code';
import { outOfChina } from '@/lib/geo/out-of-china';
import { toWgs84 } from '@/lib/geo/to-wgs84';
import { loadGazetteer, relinkComplaints } from '@/lib/linking/relink-complaints.server';
import { processNewComplaint } from '@/lib/workflow/process-new-complaint.server';
import {
  checkRow,
  type ImportAs,
  type ImportAsOption,
  type ImportMapping,
  type ImportRow,
  importAsOf,
  type Refusal,
  type SourceRow,
} from './import-source';

/** Counts so far (and at the end) of one run. */
export interface ImportProgress {
  /** Rows read from the file. */
  read: number;
  loaded: number;
  /** Already imported by an earlier run (same source and id): left as they are. */
  skipped: number;
  /** Rows refused in this run, with those an earlier run had refused for the same reason. */
  refused: number;
  refusedBefore: number;
  /** Rows whose closing time lay a little before the opening time (clock skew), clamped and noted. */
  clamped: number;
  /** Loaded rows by mode. */
  history: number;
  live: number;
  /** Milliseconds spent reading and checking, writing, in the live workflow, and linking. */
  ms: { read: number; write: number; workflow: number; link: number };
}

export interface ImportReport extends ImportProgress {
  /** The highest complaint id before the run: everything it wrote has a higher id. */
  afterId: number;
}

/** A refused row; `before`: an earlier run of the same source refused it for the same reason. */
export interface RefusedRow extends Refusal {
  before: boolean;
}

export interface ImportOptions {
  /** Rows per batch: one transaction and one set-based write each (default 2,000). */
  batchSize?: number;
  now?: Date;
  /** `history`, `live`, or `auto` (default): history when requested more than `historyAfterDays` ago. */
  as?: ImportAsOption;
  historyAfterDays?: number;
  /** A closing time at most this many seconds before the opening time is clamped (default 120). */
  clockSkewSeconds?: number;
  /**
   * Also link history and closed rows to their building and facility in the batch (default false: it
   * costs more than the rest of the import; `npm run link:complaints -- --after <first id - 1>` links
   * them afterwards, in parallel). Live open rows are linked by the workflow either way.
   */
  link?: boolean;
  /**
   * Check the rows only (fields, dates, mapping), writing nothing and remembering no refusal: rows
   * that pass count as loaded. Their place in the city and duplicates are not checked.
   */
  dryRun?: boolean;
  /**
   * Batches written at once, each in its own transaction (default 1). 2 uses both cores of a small
   * server; the embedded database has one connection and gains nothing.
   */
  writers?: number;
  /** Each refused row, as soon as its batch is done (stream it to the report file). */
  onRefused?: (r: RefusedRow) => void | Promise<void>;
  /** After each batch. */
  onBatch?: (p: ImportProgress) => void;
}

export const IMPORT_PUBLIC_NOTE = '诉求已提交（历史数据导入）';

/**
 * Load past requests (GeoReport v2 JSON or CSV rows, read as a stream) as complaints, in batches:
 * each batch is checked in memory (the next one is read meanwhile), then written in one transaction
 * with one set-based statement
 * (`insertImportBatch`; the statement-level triggers fill the map and area bins once per batch), so
 * memory holds one batch whatever the file's size. Each row keeps its source id (as the idempotency
 * key `import:<source>:<id>`, so a second run skips it), its dates, status and notes (channel
 * 'open311', a 'submitted' event at the request time and, when closed, a 'closed' event at the update
 * time with the source's notes), its mode (`imported_as`) and the source's deadline
 * (`target_datetime` → `resolve_due_at`).
 *
 * History rows, open or closed, get no triage, dispatch or notification, and the deadline sweep skips
 * them; with `link` they are linked to their building and facility in the batch. Live open rows go through
 * today's workflow (triage, routing, deadlines, notifications to the office). Refused rows are
 * reported with their reason and never stop the run; a failed batch rolls back alone and its rows are
 * refused with the database error. Refusals are remembered per source, so a re-run can tell the
 * same refusals again from new ones.
 */
export async function importRequests(
  db: Db,
  rows: AsyncIterable<SourceRow> | Iterable<SourceRow>,
  mapping: ImportMapping,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 2000;
  await assertMappingTargets(db, mapping);
  const gazetteer = await loadGazetteer(db);
  // Keys taken by complaints above this id were written by this run: a second row with that id is
  // a duplicate in the file (no set of every id read is kept in memory).
  const runStartId = await getMaxComplaintId(db);
  const keyOf = (id: string) => `import:${mapping.source}:${id}`;
  const report: ImportReport = {
    afterId: runStartId,
    read: 0,
    loaded: 0,
    skipped: 0,
    refused: 0,
    refusedBefore: 0,
    clamped: 0,
    history: 0,
    live: 0,
    ms: { read: 0, write: 0, workflow: 0, link: 0 },
  };
  let mark = performance.now();
  const lap = (phase: keyof ImportReport['ms']) => {
    const t = performance.now();
    report.ms[phase] += t - mark;
    mark = t;
  };

  async function loadBatch(batch: SourceRow[]): Promise<void> {
    lap('read');
    report.read += batch.length;
    const refusals: Refusal[] = [];
    const checked: ImportRow[] = [];
    for (const source of batch) {
      const c = checkRow(source, mapping, { now, clockSkewSeconds: options.clockSkewSeconds });
      if ('reason' in c) refusals.push(c);
      else checked.push(c);
    }
    lap('read');
    if (options.dryRun) {
      report.loaded += checked.length;
      report.clamped += checked.filter((c) => c.clampedSkewSeconds !== null).length;
      report.refused += refusals.length;
      for (const r of refusals) await options.onRefused?.({ ...r, before: false });
      options.onBatch?.({ ...report, ms: { ...report.ms } });
      return;
    }
    const taken = await listTakenIdempotencyKeys(
      db,
      checked.map((c) => keyOf(c.sourceId)),
    );
    const inBatch = new Set<string>();
    const ready: { row: ImportRow; key: string; as: ImportAs; record: ImportedComplaintRow }[] = [];
    let skipped = 0;
    for (const row of checked) {
      const key = keyOf(row.sourceId);
      const takenBy = taken.get(key);
      const duplicate: Refusal = {
        row: row.row,
        sourceId: row.sourceId,
        reason: 'duplicate service_request_id in the file',
      };
      if (takenBy !== undefined) {
        if (takenBy > runStartId) refusals.push(duplicate);
        else skipped++;
        continue;
      }
      if (inBatch.has(key)) {
        refusals.push(duplicate);
        continue;
      }
      inBatch.add(key);
      if (mapping.datum !== 'wgs84' && mapping.datum !== 'cgcs2000' && outOfChina(row.lng, row.lat)) {
        refusals.push(outsideOf(row));
        continue;
      }
      const as = importAsOf(row, options.as ?? 'auto', now, options.historyAfterDays);
      ready.push({ row, key, as, record: toRecord(row, key, as, mapping) });
    }

    const write = async () => {
      const written = { loaded: 0, history: 0, live: 0, clamped: 0, skipped: 0 };
      const late: Refusal[] = [];
      await db.transaction(async (tx) => {
        await disableJit(tx);
        let pending = ready;
        const inserted: { item: (typeof ready)[number]; id: number }[] = [];
        // A taken tracking code inserts nothing either: such rows go again with new codes. A key taken
        // meanwhile by another writer of this run is a duplicate in the file.
        for (let attempt = 0; attempt < 4 && pending.length > 0; attempt++) {
          const result = await insertImportBatch(tx, {
            datum: mapping.datum,
            publicNote: IMPORT_PUBLIC_NOTE,
            rows: pending.map((p) => p.record),
          });
          const again: typeof ready = [];
          for (const item of pending) {
            const id = result.inserted.get(item.key);
            if (id !== undefined) inserted.push({ item, id });
            else if (result.outside.has(item.key)) late.push(outsideOf(item.row));
            else again.push(item);
          }
          if (again.length === 0) break;
          const nowTaken = await listTakenIdempotencyKeys(
            tx,
            again.map((a) => a.key),
          );
          for (const a of again) {
            const by = nowTaken.get(a.key);
            if (by === undefined) continue;
            if (by > runStartId)
              late.push({
                row: a.row.row,
                sourceId: a.row.sourceId,
                reason: 'duplicate service_request_id in the file',
              });
            else written.skipped++;
          }
          pending = again
            .filter((a) => !nowTaken.has(a.key))
            .map((a) => ({ ...a, record: { ...a.record, trackingCode: newTrackingCode() } }));
        }
        lap('write');
        const toLink: number[] = [];
        const liveDeadlines: { id: number; dueAt: Date }[] = [];
        for (const { item, id } of inserted) {
          if (item.as === 'live' && item.row.status === 'open') {
            await processNewComplaint(tx, { complaintId: id, now: item.row.requestedAt, gazetteer });
            if (item.row.targetAt) liveDeadlines.push({ id, dueAt: item.row.targetAt });
          } else toLink.push(id);
          written.loaded++;
          written[item.as]++;
          if (item.row.clampedSkewSeconds !== null) written.clamped++;
        }
        await setResolveDeadlines(tx, liveDeadlines);
        lap('workflow');
        // History and closed rows skip triage: linked here, all of the batch in one pass.
        if (options.link) await relinkComplaints(tx, { ids: toLink, gazetteer });
        lap('link');
      });
      return { written, late };
    };

    try {
      let result: Awaited<ReturnType<typeof write>> | undefined;
      // Concurrent writers may deadlock in the workflow's updates (live rows): the loser rolls back
      // whole and goes again.
      for (let attempt = 1; !result; attempt++) {
        try {
          result = await write();
        } catch (error) {
          if (attempt >= 3 || !isRetryable(error)) throw error;
        }
      }
      const { written, late } = result;
      report.loaded += written.loaded;
      report.history += written.history;
      report.live += written.live;
      report.clamped += written.clamped;
      report.skipped += skipped + written.skipped;
      refusals.push(...late);
    } catch (error) {
      report.skipped += skipped;
      const reason = `batch rolled back: ${error instanceof Error ? error.message : String(error)}`;
      for (const { row } of ready) refusals.push({ row: row.row, sourceId: row.sourceId, reason });
    }

    refusals.sort((a, b) => a.row - b.row);
    const refusalKey = (r: Refusal) => r.sourceId ?? `row ${r.row}`;
    const distinct = new Map(refusals.map((r) => [`${refusalKey(r)}\u0000${r.reason}`, r]));
    const before = await recordImportRefusals(
      db,
      mapping.source,
      [...distinct.values()].map((r) => ({ key: refusalKey(r), reason: r.reason })),
    );
    for (const r of refusals) {
      const known = before.has(`${refusalKey(r)}\u0000${r.reason}`);
      report.refused++;
      if (known) report.refusedBefore++;
      await options.onRefused?.({ ...r, before: known });
    }
    lap('write');
    options.onBatch?.({ ...report, ms: { ...report.ms } });
  }

  // The next batch is read (parsed, in this process) while the database writes the current one.
  const source =
    Symbol.asyncIterator in rows
      ? (rows as AsyncIterable<SourceRow>)[Symbol.asyncIterator]()
      : (async function* () {
          yield* rows as Iterable<SourceRow>;
        })();
  const nextBatch = async (): Promise<SourceRow[]> => {
    const batch: SourceRow[] = [];
    while (batch.length < batchSize) {
      const next = await source.next();
      if (next.done) break;
      batch.push(next.value);
    }
    return batch;
  };
  // Up to `writers` batches are written at once (each its own transaction and connection); the
  // next batch is read meanwhile.
  const writers = Math.max(1, options.writers ?? 1);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  let next = nextBatch();
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    next = nextBatch();
    // A read error surfaces when that batch is awaited; keep it from being reported as unhandled meanwhile.
    next.catch(() => {});
    const p: Promise<void> = loadBatch(batch)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= writers) await Promise.race(inFlight);
    if (failure) break;
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return report;
}

function outsideOf(row: ImportRow): Refusal {
  return { row: row.row, sourceId: row.sourceId, reason: 'outside Panzhihua (攀枝花市)' };
}

function toRecord(row: ImportRow, key: string, as: ImportAs, mapping: ImportMapping): ImportedComplaintRow {
  const [lng, lat] = toWgs84(row.lng, row.lat, mapping.datum);
  const closed = row.status === 'closed';
  const skew = row.clampedSkewSeconds !== null ? { clockSkewClampedSeconds: row.clampedSkewSeconds } : {};
  return {
    trackingCode: newTrackingCode(),
    idempotencyKey: key,
    categoryCode: row.categoryCode,
    title: row.title,
    description: row.description,
    lng,
    lat,
    originalLng: String(row.lng),
    originalLat: String(row.lat),
    address: row.address,
    status: closed ? 'closed' : 'received',
    importedAs: as,
    submittedAt: row.requestedAt,
    updatedAt: row.updatedAt,
    closedAt: closed ? row.updatedAt : null,
    resolveDueAt: row.targetAt,
    submittedData: {
      imported: true,
      importedAs: as,
      source: mapping.source,
      sourceId: row.sourceId,
      sourceServiceCode: row.sourceServiceCode,
      channel: 'open311',
      datum: mapping.datum,
      ...(row.targetAt ? { targetAt: row.targetAt.toISOString() } : {}),
      ...(!closed && row.statusNotes ? { statusNotes: row.statusNotes } : {}),
      ...(!closed ? skew : {}),
    },
    closedData: closed ? { imported: true, importedAs: as, ...skew } : null,
    closedNote: closed ? row.statusNotes : null,
  };
}

/** A deadlock or serialization failure: the transaction rolled back whole and may simply run again. */
function isRetryable(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
  }
  return false;
}

/** Every category the mapping names must exist (and not be a misconduct category): else nothing loads. */
async function assertMappingTargets(db: Db, mapping: ImportMapping): Promise<void> {
  const known = new Set(
    (await listActiveCategories(db))
      .filter((c) => c.level === 2 && !c.code.startsWith('JJ'))
      .map((c) => c.code),
  );
  const targets = [...Object.values(mapping.services), ...(mapping.fallback ? [mapping.fallback] : [])];
  const unknown = [...new Set(targets.filter((t) => !known.has(t)))];
  if (unknown.length > 0) throw new Error(`mapping names unknown categories: ${unknown.join(', ')}`);
}
