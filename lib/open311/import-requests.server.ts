import 'server-only';
import type { Db } from '@/db/client';
import { insertImportedComplaint, listTakenIdempotencyKeys } from '@/db/queries/import';
import { insertEvent, listActiveCategories, locatePoint } from '@/db/queries/intake';
import { newTrackingCode } from '@/lib/complaints/tracking-code';
import { outOfChina } from '@/lib/geo/out-of-china';
import { toWgs84 } from '@/lib/geo/to-wgs84';
import { loadGazetteer, relinkComplaints } from '@/lib/linking/relink-complaints.server';
import { processNewComplaint } from '@/lib/workflow/process-new-complaint.server';
import {
  checkRow,
  type ImportMapping,
  type ImportRow,
  type Rejection,
  type SourceRow,
} from './import-source';

export interface ImportReport {
  total: number;
  loaded: number;
  /** Already imported by an earlier run (same source and id): left as they are. */
  skipped: number;
  rejected: Rejection[];
}

export interface ImportOptions {
  batchSize?: number;
  now?: Date;
  /** Progress lines ("batch 3: 500 loaded …"). */
  log?: (line: string) => void;
}

/**
 * Load past requests (GeoReport v2 JSON or CSV rows) as complaints, one transaction per batch.
 * Each row keeps its source id (as the idempotency key `import:<source>:<id>`, so a second run
 * skips it), its dates and its status (channel 'open311'); a 'submitted' event at the request time,
 * and for closed requests a 'closed' event at the update time; open requests go through the
 * workflow (triage, linking, routing, deadlines from their own submission time; closed ones are
 * linked to their building and facility too). Refused rows are listed
 * with their reason and never stop the run; a failed batch rolls back alone and its rows are
 * reported with the database error.
 */
export async function importRequests(
  db: Db,
  rows: SourceRow[],
  mapping: ImportMapping,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const log = options.log ?? (() => {});
  await assertMappingTargets(db, mapping);
  const gazetteer = await loadGazetteer(db);

  const report: ImportReport = { total: rows.length, loaded: 0, skipped: 0, rejected: [] };
  const seen = new Set<string>();
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const ready: {
      row: ImportRow;
      key: string;
      wgs: [number, number];
      place: NonNullable<Awaited<ReturnType<typeof locatePoint>>>;
    }[] = [];
    const keyOf = (id: string) => `import:${mapping.source}:${id}`;
    const taken = await listTakenIdempotencyKeys(
      db,
      batch.map((r) => keyOf(String(r.fields.service_request_id ?? ''))),
    );
    for (const source of batch) {
      const checked = checkRow(source, mapping, now);
      if ('reason' in checked) {
        report.rejected.push(checked);
        continue;
      }
      if (seen.has(checked.sourceId)) {
        report.rejected.push({
          row: checked.row,
          sourceId: checked.sourceId,
          reason: 'duplicate service_request_id in the file',
        });
        continue;
      }
      seen.add(checked.sourceId);
      const key = keyOf(checked.sourceId);
      if (taken.has(key)) {
        report.skipped++;
        continue;
      }
      const outside = {
        row: checked.row,
        sourceId: checked.sourceId,
        reason: 'outside Panzhihua (攀枝花市)',
      };
      if (mapping.datum !== 'wgs84' && mapping.datum !== 'cgcs2000' && outOfChina(checked.lng, checked.lat)) {
        report.rejected.push(outside);
        continue;
      }
      const wgs = toWgs84(checked.lng, checked.lat, mapping.datum);
      const place = await locatePoint(db, { lng: wgs[0], lat: wgs[1] });
      if (!place) {
        report.rejected.push(outside);
        continue;
      }
      ready.push({ row: checked, key, wgs, place });
    }

    try {
      const loaded = await db.transaction(async (tx) => {
        let n = 0;
        const closed: number[] = [];
        for (const { row, key, wgs, place } of ready) {
          let id: number | null = null;
          for (let attempt = 0; attempt < 4 && id === null; attempt++) {
            id = await insertImportedComplaint(tx, {
              trackingCode: newTrackingCode(),
              idempotencyKey: key,
              categoryCode: row.categoryCode,
              title: row.title,
              description: row.description,
              lng: wgs[0],
              lat: wgs[1],
              originalLng: String(row.lng),
              originalLat: String(row.lat),
              datum: mapping.datum,
              address: row.address,
              place,
              status: row.status === 'closed' ? 'closed' : 'received',
              submittedAt: row.requestedAt,
              updatedAt: row.updatedAt,
              closedAt: row.status === 'closed' ? row.updatedAt : null,
            });
          }
          if (id === null) throw new Error(`could not insert ${row.sourceId}`);
          const data = {
            imported: true,
            source: mapping.source,
            sourceId: row.sourceId,
            sourceServiceCode: row.sourceServiceCode,
            channel: 'open311',
            datum: mapping.datum,
          };
          await insertEvent(tx, {
            complaintId: id,
            type: 'submitted',
            fromStatus: null,
            toStatus: 'received',
            publicNote: '诉求已提交（历史数据导入）',
            data,
            public: true,
            at: row.requestedAt,
          });
          if (row.status === 'closed') {
            await insertEvent(tx, {
              complaintId: id,
              type: 'closed',
              fromStatus: 'received',
              toStatus: 'closed',
              publicNote: row.statusNotes,
              data: { imported: true },
              public: true,
              at: row.updatedAt,
            });
            closed.push(id);
          } else {
            await processNewComplaint(tx, { complaintId: id, now: row.requestedAt, gazetteer });
          }
          n++;
        }
        // Closed requests skip triage: linked here, all of the batch in one pass.
        await relinkComplaints(tx, { ids: closed, gazetteer });
        return n;
      });
      report.loaded += loaded;
    } catch (error) {
      const reason = `batch rolled back: ${error instanceof Error ? error.message : String(error)}`;
      for (const { row } of ready) report.rejected.push({ row: row.row, sourceId: row.sourceId, reason });
    }
    log(
      `batch ${start / batchSize + 1}: rows ${start + 1}–${start + batch.length} of ${rows.length}; ` +
        `loaded ${report.loaded}, skipped ${report.skipped}, rejected ${report.rejected.length}`,
    );
  }
  report.rejected.sort((a, b) => a.row - b.row);
  return report;
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
