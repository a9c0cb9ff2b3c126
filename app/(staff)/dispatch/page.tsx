import { getTranslations } from 'next-intl/server';
import { CaseTable } from '@/components/cases/inbox-table';
import { ExportButton } from '@/components/export/export-button';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { listManualDispatch } from '@/lib/workflow/list-manual-dispatch.server';

/** 人工派单: cases the routing engine would not guess, for the inspector's division. */
export default async function DispatchQueuePage() {
  const user = await requirePage('dispatch');
  const t = await getTranslations('workflow.dispatch');
  const rows = await listManualDispatch(await getDb(), { user });
  return (
    <div className="staff__page">
      <h1>{t('title')}</h1>
      <p className="staff__hint">{t('subtitle')}</p>
      <div className="staff__actions">
        <ExportButton href="/api/export/complaints.xlsx?list=dispatch" />
      </div>
      <CaseTable rows={rows} serverNow={Date.now()} mode="dispatch" />
    </div>
  );
}
