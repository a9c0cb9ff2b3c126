import { getTranslations } from 'next-intl/server';
import { RoutingEditor } from '@/components/admin/routing-editor';
import { getDb } from '@/db/client';
import { getAdminScreen } from '@/lib/admin/get-admin-screen.server';
import { requireCurrentUser } from '@/lib/auth/current-user.server';

/** Admin screen: routing. */
export default async function Page() {
  const user = await requireCurrentUser();
  const t = await getTranslations('admin');
  const data = await getAdminScreen(await getDb(), user, 'routing');
  return (
    <div className="staff__page">
      <h1>{t('routing.title')}</h1>
      <p className="staff__hint">{t('routing.subtitle')}</p>
      <RoutingEditor data={data} />
    </div>
  );
}
