import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  categoryIsLevelOne,
  deleteSubscription,
  getAreaWithin,
  listSubscriptionRows,
  upsertSubscription,
} from '@/db/queries/alerts';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import type { SubscriptionInput, SubscriptionListResponse, SubscriptionView } from './alert-types';

export async function listSubscriptions(db: DbOrTx, user: AuthUser): Promise<SubscriptionListResponse> {
  assertCan(user, 'alert.read');
  const rows = await listSubscriptionRows(db, user.id);
  return {
    subscriptions: rows.map(
      (r): SubscriptionView => ({
        id: Number(r.id),
        areaCode: r.area_code,
        areaName: r.area_name,
        categoryCode: r.category_code,
        categoryName: r.category_name,
        categoryNameEn: r.category_name_en,
        createdAt: new Date(r.created_at).toISOString(),
      }),
    ),
  };
}

/**
 * Subscribe to surge alerts of an area of one's own division (or the division itself) × a level-1
 * category (or every category). Idempotent: the same subscription twice is one.
 */
export async function subscribeToAlerts(
  db: DbOrTx,
  user: AuthUser,
  input: SubscriptionInput,
): Promise<{ id: number; created: boolean }> {
  assertCan(user, 'alert.read');
  const j = user.jurisdiction;
  if (j.kind !== 'division') throw new AppError('FORBIDDEN', 'Not allowed: alert.read');
  const area = await getAreaWithin(db, { areaCode: input.areaCode, within: j.divisionCode });
  if (!area) throw new AppError('NOT_FOUND', 'No such area in your jurisdiction');
  const categoryCode = input.categoryCode ?? null;
  if (categoryCode && !(await categoryIsLevelOne(db, categoryCode)))
    throw new AppError('VALIDATION', 'categoryCode: not a level-1 category', [
      { path: 'categoryCode', message: 'not a level-1 category' },
    ]);
  return db.transaction((tx) =>
    upsertSubscription(tx, { userId: user.id, areaCode: area.code, categoryCode }),
  );
}

/** Remove one of one's own subscriptions (another's id answers 404). */
export async function unsubscribeFromAlerts(db: DbOrTx, user: AuthUser, id: number): Promise<void> {
  assertCan(user, 'alert.read');
  const removed = await db.transaction((tx) => deleteSubscription(tx, { id, userId: user.id }));
  if (!removed) throw new AppError('NOT_FOUND', 'No such subscription');
}
