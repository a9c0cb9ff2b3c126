import { getTranslations } from 'next-intl/server';
import { CaseTable } from '@/components/cases/inbox-table';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { listInbox } from '@/lib/workflow/list-inbox.server';

/** 待办诉求: the handler's open cases by deadline, with live countdowns. */
export default async function InboxPage() {
  const user = await requireCurrentUser();
  const t = await getTranslations('workflow.inbox');
  const rows = await listInbox(await getDb(), { user });
  return (
    <div className="staff__page">
      <h1>{t('title')}</h1>
      <p className="staff__hint">
        {t('subtitle')} · {t('count', { count: rows.length })}
      </p>
      <CaseTable
        rows={rows}
        serverNow={Date.now()}
        officeId={user.jurisdiction.kind === 'office' ? user.jurisdiction.officeId : undefined}
        mode="inbox"
      />
    </div>
  );
}
