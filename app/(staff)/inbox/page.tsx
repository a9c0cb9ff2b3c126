import { getTranslations } from 'next-intl/server';
import { CaseTable } from '@/components/cases/inbox-table';
import { ExportButton } from '@/components/export/export-button';
import { OpenLettersAlert } from '@/components/supervision/open-letters-alert';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { listOpenLetters } from '@/lib/supervision/list-open-letters.server';
import { listInbox } from '@/lib/workflow/list-inbox.server';

/** 待办诉求: the handler's open cases by deadline, with live countdowns. */
export default async function InboxPage() {
  const user = await requirePage('inbox');
  const t = await getTranslations('workflow.inbox');
  const db = await getDb();
  const [rows, letters] = await Promise.all([listInbox(db, { user }), listOpenLetters(db, { user })]);
  return (
    <div className="staff__page">
      <h1>{t('title')}</h1>
      <p className="staff__hint">
        {t('subtitle')} · {t('count', { count: rows.length })}
      </p>
      <div className="staff__actions">
        <ExportButton href="/api/export/complaints.xlsx?list=inbox" />
      </div>
      <OpenLettersAlert letters={letters} serverNow={Date.now()} />
      <CaseTable
        rows={rows}
        serverNow={Date.now()}
        officeId={user.jurisdiction.kind === 'office' ? user.jurisdiction.officeId : undefined}
        mode="inbox"
      />
    </div>
  );
}
