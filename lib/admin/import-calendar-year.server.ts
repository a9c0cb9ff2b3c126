import 'server-only';
import type { Db } from '@/db/client';
import { replaceCalendarYear } from '@/db/queries/admin';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { calendarImportInput } from './admin-input';
import { configChanged } from './config-changed.server';
import { parseCalendarCsv } from './parse-calendar-csv';

/**
 * Replace one year's calendar exceptions with those of a CSV (format in parse-calendar-csv.ts), in
 * one transaction with its audit record: all rows or none. A CSV with problems answers 400 with
 * every problem and its line in `fields` (path `csv.<line>`, message `csv.<code>`).
 */
export async function importCalendarYear(
  db: Db,
  actor: AuthUser,
  params: { year: number; csv: string; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const input = calendarImportInput.parse({ year: params.year, csv: params.csv });
  const parsed = parseCalendarCsv(input.csv, input.year);
  if (!parsed.ok) {
    throw new AppError(
      'VALIDATION',
      parsed.problems.map((p) => `line ${p.line}: ${p.code}${p.value ? ` (${p.value})` : ''}`).join('; '),
      parsed.problems.map((p) => ({ path: `csv.${p.line}`, message: `csv.${p.code}` })),
    );
  }
  const result = await db.transaction(async (tx) => {
    const removed = await replaceCalendarYear(tx, { year: input.year, days: parsed.days });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'calendar_year',
      targetId: input.year,
      data: {
        op: 'import',
        removed,
        holidays: parsed.days.filter((d) => !d.isWorkday).length,
        workdays: parsed.days.filter((d) => d.isWorkday).length,
        days: parsed.days,
      },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { year: input.year, removed, imported: parsed.days.length };
  });
  configChanged();
  return result;
}
