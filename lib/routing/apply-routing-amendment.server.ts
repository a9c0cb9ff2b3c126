import 'server-only';
import type { Db } from '@/db/client';
import { getCategoryAndDivisionNames, listRulesAt, townWithin } from '@/db/queries/routing';
import { configChanged } from '@/lib/admin/config-changed.server';
import { saveRoutingRuleIn } from '@/lib/admin/save-routing-rule.server';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { amendmentNote, replayFor } from './list-routing-amendments.server';
import { loadRouter } from './load-router.server';
import {
  type AppliedAmendment,
  type ApplyAmendmentInput,
  applyAmendmentInput,
} from './routing-amendment-types';

/**
 * Apply a routing amendment (admins): each of its category × tier rules for the town now names the
 * office (the stored rule of that category × tier × town is updated, else one is added), through the routing
 * table's own storage (`saveRoutingRuleIn`, each with its config.change record), plus one record of the
 * amendment with its replay figures, all in one transaction. The town must lie in the admin's division.
 */
export async function applyRoutingAmendment(
  db: Db,
  params: { user: AuthUser; input: ApplyAmendmentInput; ip?: string | null; now: Date },
): Promise<AppliedAmendment> {
  const { user, now } = params;
  assertCan(user, 'config.manage');
  const input = applyAmendmentInput.parse(params.input);
  if (user.jurisdiction.kind !== 'division') throw new AppError('FORBIDDEN', 'Admins act for a division');
  const divisionCode = user.jurisdiction.divisionCode;
  const result = await db.transaction(async (tx) => {
    if (!(await townWithin(tx, { townCode: input.divisionCode, divisionCode })))
      throw new AppError('VALIDATION', 'Not a town of your division', [
        { path: 'divisionCode', message: 'divisionUnknown' },
      ]);
    const router = await loadRouter(tx);
    const office = router.offices.get(input.officeId);
    if (!office)
      throw new AppError('VALIDATION', 'Unknown or inactive office', [
        { path: 'officeId', message: 'officeUnknown' },
      ]);
    const n = await getCategoryAndDivisionNames(tx, {
      categoryCode: input.categoryCode,
      divisionCode: input.divisionCode,
    });
    if (!n.category)
      throw new AppError('VALIDATION', 'Unknown category', [
        { path: 'categoryCode', message: 'categoryUnknown' },
      ]);
    const note = amendmentNote(n.category, n.division ?? input.divisionCode, office.name);
    const seen = new Set<string>();
    const rules = input.rules.filter((r) => {
      const k = `${r.categoryCode}|${r.tier}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    const amendment = { ...input, rules };
    const { replay } = await replayFor(tx, amendment, { now, note });
    const stored = await listRulesAt(tx, {
      categoryCode: input.categoryCode,
      divisionCode: input.divisionCode,
    });
    const ruleIds: number[] = [];
    for (const rule of rules) {
      const existing = stored.find((r) => r.category_code === rule.categoryCode && r.tier === rule.tier);
      const { id } = await saveRoutingRuleIn(tx, user, {
        id: existing?.id,
        input: {
          categoryCode: rule.categoryCode,
          tier: rule.tier,
          divisionCode: input.divisionCode,
          officeId: input.officeId,
          coOfficeIds: (existing?.co_office_ids ?? []).filter((o) => o !== input.officeId),
          priority: 0,
          note,
        },
        ip: params.ip,
        now,
      });
      ruleIds.push(id);
    }
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.configChange,
      targetType: 'routing_amendment',
      targetId: ruleIds[0]!,
      data: { op: 'amend', ...amendment, ruleIds, replay },
      ip: params.ip ?? null,
      at: now,
    });
    return { ruleIds, replay };
  });
  configChanged();
  return result;
}
