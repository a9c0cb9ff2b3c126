import { getTranslations } from 'next-intl/server';
import { HotspotWorkspaceLoader } from '@/components/analytics/hotspot-workspace-loader';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { can } from '@/lib/auth/policy';
import { getAnalysisSetup } from '@/lib/hotspots/get-analysis-setup.server';

/** Hot spots (Gi*), emerging hot spots, DBSCAN clusters and clues: inspectors and leaders. */
export default async function HotspotsPage() {
  const user = await requireCurrentUser();
  if (!can(user, 'stats.read') || user.jurisdiction.kind !== 'division') {
    const t = await getTranslations('analytics');
    return <div className="staff__page">{t('forbidden')}</div>;
  }
  const setup = await getAnalysisSetup(await getDb(), user);
  return <HotspotWorkspaceLoader setup={setup} />;
}
