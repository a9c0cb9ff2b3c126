import { getLocale } from 'next-intl/server';
import { AlertsWorkspace } from '@/components/alerts/alerts-workspace';
import { getDb } from '@/db/client';
import { listSurgeCategoryNames } from '@/lib/alerts/list-surge-category-names.server';
import { can } from '@/lib/auth/policy';
import { requirePage } from '@/lib/auth/require-page.server';
import { listStatsAreaChildren } from '@/lib/stats/resolve-stats-area.server';

/** 事前预警 (inspectors and leaders): surge alerts of their division and below, and subscriptions. */
export default async function AlertsPage() {
  const user = await requirePage('alerts');
  const categories = await listSurgeCategoryNames(await getDb(), await getLocale());
  const divisionCode = user.jurisdiction.kind === 'division' ? user.jurisdiction.divisionCode : '';
  // The city has no surge alerts of its own (counties, towns and villages do): a city user picks a county first.
  const topAreas =
    user.jurisdiction.kind === 'division' && user.jurisdiction.divisionLevel === 'city'
      ? (await listStatsAreaChildren(await getDb(), user)).children
      : undefined;
  return (
    <div className="staff__page">
      <AlertsWorkspace
        canRun={can(user, 'alert.run')}
        divisionCode={divisionCode}
        divisionName={user.jurisdiction.kind === 'division' ? (user.jurisdictionName ?? '') : ''}
        topAreas={topAreas?.map((a) => ({ code: a.code, name: a.name, hasChildren: a.hasChildren }))}
        categories={categories}
      />
    </div>
  );
}
