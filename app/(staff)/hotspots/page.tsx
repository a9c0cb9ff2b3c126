import { HotspotWorkspaceLoader } from '@/components/analytics/hotspot-workspace-loader';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { getAnalysisSetup } from '@/lib/hotspots/get-analysis-setup.server';

/** Hot spots (Gi*), emerging hot spots, DBSCAN clusters and clues: inspectors and leaders. */
export default async function HotspotsPage() {
  const user = await requirePage('hotspots');
  const setup = await getAnalysisSetup(await getDb(), user);
  return <HotspotWorkspaceLoader setup={setup} />;
}
