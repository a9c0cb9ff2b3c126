import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { navFor } from '@/components/shell/staff-nav';
import { getCurrentUser } from '@/lib/auth/current-user.server';

/**
 * The one access-denied page (HTTP 403) of every staff page a role may not open: `requirePage`
 * (lib/auth/require-page.server.ts) calls `forbidden()`, Next.js answers 403 with this inside the
 * staff layout. It says who the user is, and offers the pages they may open.
 */
export default async function StaffForbidden() {
  const t = await getTranslations('shell.forbidden');
  const tn = await getTranslations('shell.nav');
  const ta = await getTranslations('auth');
  const user = await getCurrentUser();
  const pages = user ? navFor(user) : [];
  return (
    <div className="staff__page staff-forbidden" data-testid="forbidden">
      <div className="staff-forbidden__code" aria-hidden="true">
        403
      </div>
      <h1>{t('title')}</h1>
      <p className="staff-forbidden__body">
        {user ? t('body', { role: ta(`roles.${user.role}`) }) : t('bodyNoUser')}
      </p>
      <p className="staff-forbidden__body">{t('help')}</p>
      <div className="staff-forbidden__actions">
        <Link href="/workbench" className="staff-forbidden__primary">
          ← {t('back')}
        </Link>
      </div>
      {pages.length > 1 && (
        <>
          <h2 className="staff-forbidden__sub">{t('youCanOpen')}</h2>
          <ul className="staff__tiles">
            {pages
              .filter((p) => p.key !== 'overview')
              .map((p) => (
                <li key={p.key}>
                  <Link href={p.href}>{tn(p.key)}</Link>
                </li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}
