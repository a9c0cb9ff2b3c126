import { getTranslations } from 'next-intl/server';
import { navFor } from '@/components/shell/staff-nav';
import { requireCurrentUser } from '@/lib/auth/current-user.server';

/** The staff landing page: who you are, your jurisdiction, and the screens your role has. */
export default async function WorkbenchPage() {
  const user = await requireCurrentUser();
  const t = await getTranslations('shell');
  const ta = await getTranslations('auth');
  return (
    <div className="staff__page">
      <h1>{t('workbench.title')}</h1>
      <p>
        {t('workbench.greeting', {
          name: user.displayName,
          role: ta(`roles.${user.role}`),
          jurisdiction: user.jurisdictionName ?? '—',
        })}
      </p>
      <ul className="staff__tiles">
        {navFor(user)
          .filter((i) => i.key !== 'overview')
          .map((i) => (
            <li key={i.key}>
              <a href={i.href}>{t(`nav.${i.key}`)}</a>
            </li>
          ))}
      </ul>
    </div>
  );
}
