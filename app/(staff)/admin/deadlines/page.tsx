import { getTranslations } from 'next-intl/server';
import { DeadlinesEditor } from '@/components/admin/deadlines-editor';
import { getDb } from '@/db/client';
import { getAdminScreen } from '@/lib/admin/get-admin-screen.server';
import { requirePage } from '@/lib/auth/require-page.server';

/** Admin screen: deadlines. */
export default async function Page() {
  const user = await requirePage('admin');
  const t = await getTranslations('admin');
  const data = await getAdminScreen(await getDb(), user, 'deadlines');
  return (
    <div className="staff__page">
      <h1>{t('deadlines.title')}</h1>
      <p className="staff__hint">{t('deadlines.subtitle')}</p>
      <DeadlinesEditor data={data} />
    </div>
  );
}
