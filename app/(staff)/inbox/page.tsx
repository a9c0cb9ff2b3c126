import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CaseTable } from '@/components/cases/inbox-table';
import { ExportButton } from '@/components/export/export-button';
import { OpenLettersAlert } from '@/components/supervision/open-letters-alert';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { listOpenLetters } from '@/lib/supervision/list-open-letters.server';
import { parseInboxFilter } from '@/lib/workflow/inbox-filter';
import { listInbox } from '@/lib/workflow/list-inbox.server';

/** 待办诉求: the handler's open cases by deadline, with live countdowns; `?only=` narrows to a workbench figure. */
export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePage('inbox');
  const t = await getTranslations('workflow.inbox');
  const tw = await getTranslations('shell.workbench');
  const only = parseInboxFilter((await searchParams).only);
  const db = await getDb();
  const now = new Date();
  const [rows, letters] = await Promise.all([
    listInbox(db, { user, only, now }),
    listOpenLetters(db, { user }),
  ]);
  return (
    <div className="staff__page">
      <h1>{t('title')}</h1>
      <p className="staff__hint">
        {t('subtitle')} · {t('count', { count: rows.length })}
      </p>
      {only ? (
        <p className="staff__hint" data-testid="inbox-filter">
          {tw('filtered', { what: tw(`filters.${only}`) })} <Link href="/inbox">{tw('clearFilter')}</Link>
        </p>
      ) : null}
      <div className="staff__actions">
        <ExportButton href="/api/export/complaints.xlsx?list=inbox" />
      </div>
      <div id="open-letters">
        <OpenLettersAlert letters={letters} serverNow={Date.now()} />
      </div>
      <CaseTable
        rows={rows}
        serverNow={Date.now()}
        officeId={user.jurisdiction.kind === 'office' ? user.jurisdiction.officeId : undefined}
        mode="inbox"
      />
    </div>
  );
}
