import { getLocale } from 'next-intl/server';
import { AlertsWorkspace } from '@/components/alerts/alerts-workspace';
import { getDb } from '@/db/client';
import { listSurgeCategoryNames } from '@/lib/alerts/list-surge-category-names.server';
import { can } from '@/lib/auth/policy';
import { requirePage } from '@/lib/auth/require-page.server';

/** 事前预警 (inspectors and leaders): surge alerts of their division and below, and subscriptions. */
export default async function AlertsPage() {
  const user = await requirePage('alerts');
  const categories = await listSurgeCategoryNames(await getDb(), await getLocale());
  const divisionCode = user.jurisdiction.kind === 'division' ? user.jurisdiction.divisionCode : '';
  return (
    <div className="staff__page">
      <AlertsWorkspace
        canRun={can(user, 'alert.run')}
        divisionCode={divisionCode}
        divisionName={user.jurisdiction.kind === 'division' ? (user.jurisdictionName ?? '') : ''}
        categories={categories}
      />
    </div>
  );
}
