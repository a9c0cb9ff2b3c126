import { getTranslations } from 'next-intl/server';
import { AlertsMapPanel } from '@/components/alerts/alerts-map-panel';
import { StaffMapLoader } from '@/components/map/staff-map-loader';
import { getDb } from '@/db/client';
import { canOpenPage } from '@/lib/auth/pages';
import { requirePage } from '@/lib/auth/require-page.server';
import { getMapSetup } from '@/lib/map/get-map-setup.server';

/** The GIS workspace (all staff; default view by role, everything else in the URL). */
export default async function MapPage() {
  const user = await requirePage('map');
  const setup = await getMapSetup(await getDb(), { user, now: new Date() });
  const t = await getTranslations('shell.nav');
  return (
    <>
      <h1 className="sr-only">{t('map')}</h1>
      <StaffMapLoader setup={setup} />
      {canOpenPage(user, 'alerts') && <AlertsMapPanel />}
    </>
  );
}
