import { getTranslations } from 'next-intl/server';
import { TriageModelsCard } from '@/components/admin/triage-models-card';
import { TriageRulesEditor } from '@/components/admin/triage-rules-editor';
import { chineseTerm } from '@/components/ui/user-content';
import { getDb } from '@/db/client';
import { getAdminScreen } from '@/lib/admin/get-admin-screen.server';
import { requirePage } from '@/lib/auth/require-page.server';

/** 研判规则 (admins). */
export default async function TriageRulesPage() {
  const user = await requirePage('admin');
  const t = await getTranslations('admin');
  const data = await getAdminScreen(await getDb(), user, 'triage');
  return (
    <div className="staff__page">
      <h1>{t('triage.title')}</h1>
      <p className="staff__hint">
        {t.rich('triage.subtitle', { zh: chineseTerm })} {t('common.auditHint')}
      </p>
      <TriageRulesEditor data={data} />
      <div style={{ marginTop: 24 }}>
        <TriageModelsCard models={data.models} />
      </div>
    </div>
  );
}
