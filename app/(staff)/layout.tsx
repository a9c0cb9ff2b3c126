import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { navFor } from '@/components/shell/staff-nav';
import { StaffSidebar } from '@/components/shell/staff-sidebar';
import { getCurrentUser } from '@/lib/auth/current-user.server';

/** Every staff screen: signed in, with the sidebar for the role. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get('x-suqiu-path') ?? '/workbench';
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  const t = await getTranslations('shell.nav');
  const items = navFor(user).map((i) => ({ key: i.key, href: i.href, label: t(i.key) }));
  return (
    <div className="staff">
      <aside className="staff__sidebar">
        <StaffSidebar items={items} />
      </aside>
      <section className="staff__content">{children}</section>
    </div>
  );
}
