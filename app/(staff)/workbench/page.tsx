import { getTranslations } from 'next-intl/server';
import { SurgeAlertsCard } from '@/components/alerts/surge-alerts-card';
import { navFor } from '@/components/shell/staff-nav';
import { WorkbenchCounts } from '@/components/shell/workbench-counts';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { canOpenPage } from '@/lib/auth/pages';
import { getWorkbench } from '@/lib/workbench/get-workbench.server';

/** The staff landing page: what waits for you (counts, each a link to its list), and your screens. */
export default async function WorkbenchPage() {
  const user = await requireCurrentUser();
  const t = await getTranslations('shell');
  const ta = await getTranslations('auth');
  const tiles = await getWorkbench(await getDb(), { user, now: new Date() });
  return (
    <div className="staff__page">
      <h1>{t('workbench.title')}</h1>
      <p>
        {t.rich('workbench.greeting', {
          // The name and the jurisdiction are data, in the language they were entered in.
          data: (chunks) => <span data-user-content>{chunks}</span>,
          name: user.displayName,
          role: ta(`roles.${user.role}`),
          jurisdiction: user.jurisdictionName ?? '—',
        })}
      </p>
      {canOpenPage(user, 'alerts') && <SurgeAlertsCard />}
      <WorkbenchCounts tiles={tiles} />
      <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>{t('workbench.screens')}</h2>
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
