import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { can } from '@/lib/auth/policy';

/** The admin area (系统配置): administrators only; anyone else sees a 403 notice, never the data. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireCurrentUser();
  if (!can(user, 'config.manage')) {
    const t = await getTranslations('admin.forbidden');
    return (
      <div className="staff__page" data-testid="admin-forbidden">
        <h1>{t('title')}</h1>
        <p className="staff__hint">{t('body')}</p>
      </div>
    );
  }
  return children;
}
