import { Button, Space } from 'antd';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { AuthUser } from '@/lib/auth/types';

/** Login state in the header: the signed-in user's name and role with a logout button, or a login link. */
export async function UserMenu({ user }: { user: AuthUser | null }) {
  const t = await getTranslations('auth');
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
