import { getTranslations } from 'next-intl/server';
import { FindingSettingsEditor } from '@/components/admin/finding-settings-editor';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { getFacilityFindingSettings } from '@/lib/clues/facility-finding-settings.server';

/** 设施共性问题检验的阈值 (admins; everyone else gets the 403 page before anything is read). */
export default async function FindingSettingsPage() {
  await requirePage('admin');
  const t = await getTranslations('admin.findings');
  const settings = await getFacilityFindingSettings(await getDb());
  return (
    <div className="staff__page">
      <h1>{t('title')}</h1>
      <p className="staff__hint">{t('subtitle')}</p>
      <FindingSettingsEditor settings={settings} />
    </div>
  );
}
