import { getTranslations } from 'next-intl/server';
import { RoutingEditor } from '@/components/admin/routing-editor';
import { RoutingAmendmentsCard } from '@/components/supervision/routing-amendments-card';
import { getDb } from '@/db/client';
import { getAdminScreen } from '@/lib/admin/get-admin-screen.server';
import { requirePage } from '@/lib/auth/require-page.server';
import { listRoutingAmendments } from '@/lib/routing/list-routing-amendments.server';

/** Admin screen: routing. */
export default async function Page() {
  const user = await requirePage('admin');
  const t = await getTranslations('admin');
  const db = await getDb();
  const data = await getAdminScreen(db, user, 'routing');
  // Amendments proposed from buck-passing patterns (figures only), applied here.
  const amendments =
    user.jurisdiction.kind === 'division' ? await listRoutingAmendments(db, { user, now: new Date() }) : null;
  return (
    <div className="staff__page">
      <h1>{t('routing.title')}</h1>
      <p className="staff__hint">{t('routing.subtitle')}</p>
      {amendments && (
        <div style={{ marginBottom: 16 }}>
          <RoutingAmendmentsCard data={amendments} canApply />
        </div>
      )}
      <RoutingEditor data={data} />
    </div>
  );
}
