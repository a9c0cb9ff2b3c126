import 'server-only';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/sql';

/**
 * Enforcement records (inspections, penalties …) exported by supervising offices, linked to our
 * facilities, so the clue check "many complaints, no enforcement" has data to stand on.
 *
 * CSV format (UTF-8, header row, BOM allowed, other columns ignored):
 *   source_ref   unique id of the record in the source system (re-imports skip known ones)
 *   facility_code our facility code, e.g. 510403001000-CHC
 *   kind         inspection | penalty | rectification | warning
 *   acted_on     date or date-time (ISO 8601, e.g. 2026-05-14 or 2026-05-14T10:00:00+08:00)
 *   result       optional free text
 *   amount_yuan  optional non-negative integer (penalties)
 *   office_code  optional office code (default: the facility's supervising office)
 * All rows are checked first; valid rows are loaded in one transaction; every refused row is
 * reported with its line number and reason.
 */
export const ENFORCEMENT_KINDS = ['inspection', 'penalty', 'rectification', 'warning'] as const;

export interface EnforcementImportResult {
  inserted: number;
  alreadyKnown: number;
  rejected: { line: number; reason: string }[];
}

export async function importEnforcementCsv(
  db: Db,
  content: string,
  now = new Date(),
): Promise<EnforcementImportResult> {
  const records = parse(content, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string | undefined>[];
  if (
    records.length > 0 &&
    !['source_ref', 'facility_code', 'kind', 'acted_on'].every((c) => c in records[0]!)
  ) {
    throw new Error('The CSV needs the columns source_ref, facility_code, kind, acted_on');
  }
  const facilities = new Map(
    (
      await queryRows<{ id: number; code: string; officeId: number }>(
        db,
        sql`select id, code, supervising_office_id as "officeId" from facilities`,
      )
    ).map((f) => [f.code, f]),
  );
  const offices = new Map(
    (await queryRows<{ id: number; code: string }>(db, sql`select id, code from offices`)).map((o) => [
      o.code,
      o.id,
    ]),
  );
  const rejected: { line: number; reason: string }[] = [];
  const seen = new Set<string>();
  const rows: {
    ref: string;
    facilityId: number;
    officeId: number;
    kind: string;
    actedOn: string;
    result: string | null;
    amount: number | null;
  }[] = [];
  records.forEach((r, k) => {
    const line = k + 2; // the header is line 1
    const ref = (r.source_ref ?? '').trim();
    const facility = facilities.get((r.facility_code ?? '').trim());
    const kind = (r.kind ?? '').trim();
    const acted = Date.parse((r.acted_on ?? '').trim());
    const amountText = (r.amount_yuan ?? '').trim();
    const amount = amountText === '' ? null : Number(amountText);
    const officeCode = (r.office_code ?? '').trim();
    const reason = !ref
      ? 'missing source_ref'
      : seen.has(ref)
        ? `duplicate source_ref ${ref} in the file`
        : !facility
          ? `unknown facility_code "${r.facility_code ?? ''}"`
          : !(ENFORCEMENT_KINDS as readonly string[]).includes(kind)
            ? `kind must be one of ${ENFORCEMENT_KINDS.join(', ')}`
            : Number.isNaN(acted)
              ? `acted_on "${r.acted_on ?? ''}" is not a date`
              : acted > now.getTime()
                ? 'acted_on is in the future'
                : amount !== null && !(Number.isInteger(amount) && amount >= 0)
                  ? 'amount_yuan must be a non-negative integer'
                  : officeCode && !offices.has(officeCode)
                    ? `unknown office_code "${officeCode}"`
                    : null;
    if (reason) {
      rejected.push({ line, reason });
      return;
    }
    seen.add(ref);
    rows.push({
      ref,
      facilityId: facility!.id,
      officeId: officeCode ? offices.get(officeCode)! : facility!.officeId,
      kind,
      actedOn: new Date(acted).toISOString(),
      result: (r.result ?? '').trim() || null,
      amount,
    });
  });
  const inserted = await db.transaction(async (tx) => {
    if (rows.length === 0) return 0;
    const result = await queryRows<{ id: number }>(
      tx,
      sql`insert into enforcement_actions (source_ref, facility_id, office_id, kind, acted_on, result, amount_yuan)
          select * from unnest(${sql.param(rows.map((r) => r.ref))}::text[], ${sql.param(rows.map((r) => r.facilityId))}::int[],
            ${sql.param(rows.map((r) => r.officeId))}::int[], ${sql.param(rows.map((r) => r.kind))}::text[],
            ${sql.param(rows.map((r) => r.actedOn))}::timestamptz[], ${sql.param(rows.map((r) => r.result))}::text[],
            ${sql.param(rows.map((r) => r.amount))}::int[])
          on conflict (source_ref) do nothing returning id`,
    );
    return result.length;
  });
  return { inserted, alreadyKnown: rows.length - inserted, rejected };
}
