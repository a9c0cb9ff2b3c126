import { getTranslations } from 'next-intl/server';
import { UsersEditor } from '@/components/admin/users-editor';
import { getDb } from '@/db/client';
import { getAdminScreen } from '@/lib/admin/get-admin-screen.server';
import { requirePage } from '@/lib/auth/require-page.server';

/** Admin screen: users. */
export default async function Page() {
  const user = await requirePage('admin');
  const t = await getTranslations('admin');
  const data = await getAdminScreen(await getDb(), user, 'users');
  return (
    <div className="staff__page">
      <h1>{t('users.title')}</h1>
      <p className="staff__hint">{t('users.subtitle')}</p>
      <UsersEditor data={data} />
    </div>
  );
}
