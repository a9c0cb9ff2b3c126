import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listReplayCases, type ReplayCaseRow } from '@/db/queries/buck-passing';
import { listCategoryNames, listRulesAt } from '@/db/queries/routing';
import { can } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { BUCK_PASSING_Q } from '@/lib/supervision/buck-passing-types';
import { getBuckPassing } from '@/lib/supervision/get-buck-passing.server';
import { loadRouter } from './load-router.server';
import type { Tier } from './router';
import {
  type Amendment,
  amendmentRules,
  proposeAmendment,
  type ReplayCase,
  replayAmendment,
} from './routing-amendment';
import type { AmendmentListResponse, AmendmentProposal, ReplayView } from './routing-amendment-types';

const YEAR = 365 * 86_400_000;
const MAX_PROPOSALS = 10;

export const toReplayCase = (r: ReplayCaseRow): ReplayCase => ({
  complaintId: Number(r.id),
  categoryCode: r.category_code,
  tier: (r.tier ?? 'town') as Tier,
  villageCode: r.village_code,
  firstOfficeId: r.first_office_id === null ? null : Number(r.first_office_id),
  finalOfficeId: r.final_office_id === null ? null : Number(r.final_office_id),
  bounces: Number(r.bounces),
});

export const amendmentNote = (categoryName: string, townName: string, officeName: string) =>
  `推诿扯皮修正：${townName}${categoryName}类诉求直接由${officeName}首接`.slice(0, 200);

/** The replay of an amendment over the last 12 months of its category × town (figures only). */
export async function replayFor(
  db: DbOrTx,
  a: Amendment,
  params: { now: Date; note: string },
): Promise<{ replay: ReplayView; cases: ReplayCase[] }> {
  const cases = (
    await listReplayCases(db, {
      categoryCode: a.categoryCode,
      townCode: a.divisionCode,
      from: new Date(params.now.getTime() - YEAR),
      to: params.now,
    })
  ).map(toReplayCase);
  const amended = await loadRouter(db, amendmentRules(a, params.note));
  const { fixedIds: _f, misrouteIds: _m, ...replay } = replayAmendment(cases, amended);
  return { replay, cases };
}

/**
 * 权责规则修正 proposals: for each category × town whose cases keep bouncing (the buck-passing analysis
 * of the last 12 months, q < 0.05) in the caller's division, the amendment its bounced cases suggest
 * (route there straight to the office they ended with) and its replay over those 12 months. Inspectors
 * and leaders read them beside the pattern; admins apply them. Figures only: no complaint is named.
 */
export async function listRoutingAmendments(
  db: DbOrTx,
  params: { user: AuthUser; now: Date },
): Promise<AmendmentListResponse> {
  const { user, now } = params;
  if (!can(user, 'buckPassing.read') && !can(user, 'config.manage'))
    throw new AppError('FORBIDDEN', 'Not allowed: routing amendments');
  if (user.jurisdiction.kind !== 'division')
    throw new AppError('FORBIDDEN', 'A division-bound role reads this');
  const from = new Date(now.getTime() - YEAR);
  // The pattern as the division's leaders see it (no misconduct reports), whoever asks.
  const reader: AuthUser = { ...user, role: 'leader' };
  const analysis = await getBuckPassing(db, { user: reader, from, to: now, limit: 200 });
  const proposals: AmendmentProposal[] = [];
  for (const combo of analysis.combos.filter((c) => c.q < BUCK_PASSING_Q).slice(0, MAX_PROPOSALS)) {
    const rows = await listReplayCases(db, {
      categoryCode: combo.category.code,
      townCode: combo.town.code,
      from,
      to: now,
    });
    const a = proposeAmendment({
      categoryCode: combo.category.code,
      divisionCode: combo.town.code,
      cases: rows.map(toReplayCase),
    });
    if (!a) continue;
    const router = await loadRouter(db);
    const office = router.offices.get(a.officeId);
    if (!office) continue;
    const note = amendmentNote(combo.category.name, combo.town.name, office.name);
    const { replay } = await replayFor(db, a, { now, note });
    const stored = await listRulesAt(db, { categoryCode: a.categoryCode, divisionCode: a.divisionCode });
    const same = (r: { categoryCode: string; tier: Tier }) =>
      stored.find((x) => x.category_code === r.categoryCode && x.tier === r.tier);
    const names = new Map(
      (
        await listCategoryNames(
          db,
          a.rules.map((r) => r.categoryCode),
        )
      ).map((c) => [c.code, c]),
    );
    proposals.push({
      category: combo.category,
      town: combo.town,
      pattern: { cases: combo.cases, bouncedCases: combo.bouncedCases, rate: combo.rate, q: combo.q },
      office: { id: office.id, name: office.name },
      rules: a.rules.map((r) => ({
        ...r,
        categoryName: names.get(r.categoryCode)?.name_zh ?? r.categoryCode,
        categoryNameEn: names.get(r.categoryCode)?.name_en ?? r.categoryCode,
      })),
      replaces: a.rules.flatMap((r) => (same(r) ? [same(r)!.id] : [])),
      replay,
      applied: a.rules.every((r) => same(r)?.office_id === a.officeId),
    });
  }
  return { window: { from: from.toISOString(), to: now.toISOString() }, proposals };
}
