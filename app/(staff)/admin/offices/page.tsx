import { getTranslations } from 'next-intl/server';
import { OfficesEditor } from '@/components/admin/offices-editor';
import { getDb } from '@/db/client';
import { getAdminScreen } from '@/lib/admin/get-admin-screen.server';
import { requirePage } from '@/lib/auth/require-page.server';

/** Admin screen: offices. */
export default async function Page() {
  const user = await requirePage('admin');
  const t = await getTranslations('admin');
  const data = await getAdminScreen(await getDb(), user, 'offices');
  return (
    <div className="staff__page">
      <h1>{t('offices.title')}</h1>
      <p className="staff__hint">{t('offices.subtitle')}</p>
      <OfficesEditor data={data} />
    </div>
  );
}
