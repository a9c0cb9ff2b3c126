import { Button, Space } from 'antd';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/current-user.server';

/** Login state in the header: the signed-in user's name and role with a logout button, or a login link. */
export async function UserMenu() {
  const t = await getTranslations('auth');
  const user = await getCurrentUser();
  if (!user) return <Link href="/login">{t('menu.login')}</Link>;
  return (
    <Space size="small">
      <Link href="/workbench">{t('menu.workbench')}</Link>
      <span className="app-header__who" title={user.jurisdictionName ?? undefined} data-user-content>
        {t('menu.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}
      </span>
      <form action="/api/auth/logout" method="post" style={{ display: 'inline' }}>
        <Button type="text" size="small" htmlType="submit">
          {t('menu.logout')}
        </Button>
      </form>
    </Space>
  );
}
