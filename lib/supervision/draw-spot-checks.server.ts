import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { listDraws, listSpotCheckPopulations } from '@/db/queries/supervision';
import { queryRow } from '@/db/sql';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { currentMonth, drawSample, drawSeed, previousMonth, spotCheckShare } from './draw-sample';
import type { DrawOutcome, SpotCheckDraws } from './supervision-actions.types';

/**
 * 抽查 draw for one completed month: for each office (inside the inspector's division, or all for the
 * platform's monthly run) with cases resolved that month (CST), draw `share` of them (at least one),
 * reproducibly (seed = month + office, recorded with the ids in spot_check_draws, one draw per
 * office and month) and queue a pending spot check for each drawn case.
 */
export async function drawSpotChecks(
  db: DbOrTx,
  params: {
    actor: { kind: 'user'; user: AuthUser } | { kind: 'system' };
    month?: string;
    share?: number;
    now: Date;
  },
): Promise<SpotCheckDraws> {
  const { actor, now } = params;
  let divisionCode: string | null = null;
  if (actor.kind === 'user') {
    assertCan(actor.user, 'complaint.supervise');
    if (actor.user.jurisdiction.kind !== 'division')
      throw new AppError('FORBIDDEN', 'Inspectors act for a division');
    divisionCode = actor.user.jurisdiction.divisionCode;
  }
  const month = params.month ?? previousMonth(now);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month >= currentMonth(now)) {
    throw new AppError('VALIDATION', 'Draw from a completed month', [{ path: 'month', message: 'month' }]);
  }
  const share = params.share ?? spotCheckShare();
  if (!(share > 0 && share <= 1)) {
    throw new AppError('VALIDATION', 'Share between 0 and 1', [{ path: 'share', message: 'share' }]);
  }
  const userId = actor.kind === 'user' ? actor.user.id : null;
  return db.transaction(async (tx) => {
    const populations = await listSpotCheckPopulations(tx, { month, divisionCode });
    const existing = new Map(
      (await listDraws(tx, { month, officeIds: populations.map((p) => p.officeId) })).map((d) => [
        d.officeId,
        d,
      ]),
    );
    const draws: DrawOutcome[] = [];
    for (const p of populations) {
      const ids = p.ids.map(Number);
      const before = existing.get(p.officeId);
      if (before) {
        draws.push({
          officeId: p.officeId,
          drawId: before.id,
          population: ids.length,
          complaintIds: before.complaintIds.map(Number),
          created: false,
        });
        continue;
      }
      const seed = drawSeed(month, p.officeId);
      const drawn = drawSample(ids, share, seed);
      const row = await queryRow<{ id: number }>(
        tx,
        sql`insert into spot_check_draws (month, office_id, share, seed, population, complaint_ids, drawn_by_user_id, drawn_at)
            values (${month}, ${p.officeId}, ${share}, ${seed}, ${ids.length}, ${sql.param(drawn)}::bigint[], ${userId}, ${now.toISOString()}::timestamptz)
            on conflict (month, office_id) do nothing returning id`,
      );
      if (!row) continue; // a concurrent draw for this office won; it holds the same ids
      await tx.execute(
        sql`insert into spot_checks (complaint_id, inspector_user_id, draw_id, office_id, sampled_at)
            select id, ${userId}, ${row.id}, ${p.officeId}, ${now.toISOString()}::timestamptz
            from unnest(${sql.param(drawn)}::bigint[]) as id`,
      );
      draws.push({
        officeId: p.officeId,
        drawId: row.id,
        population: ids.length,
        complaintIds: drawn,
        created: true,
      });
    }
    const made = draws.filter((d) => d.created);
    if (made.length > 0) {
      await writeAudit(tx, {
        actorUserId: userId,
        action: AUDIT.spotCheckDraw,
        targetType: 'spot_check_draw',
        data: {
          month,
          share,
          draws: made.map((d) => ({ officeId: d.officeId, drawId: d.drawId, n: d.complaintIds.length })),
        },
        at: now,
      });
    }
    return { month, draws };
  });
}

/**
 * The platform's monthly run (called by the deadline sweep timer): once the previous month has no
 * platform draw yet, draw it for every office. Idempotent and cheap when already done.
 */
export async function runMonthlySpotCheckDraws(db: DbOrTx, params: { now: Date }) {
  const month = previousMonth(params.now);
  const done = await queryRow<{ id: number }>(
    db,
    sql`select id from spot_check_draws where month = ${month} and drawn_by_user_id is null limit 1`,
  );
  if (done) return { month, draws: [] as DrawOutcome[] };
  return drawSpotChecks(db, { actor: { kind: 'system' }, month, now: params.now });
}
