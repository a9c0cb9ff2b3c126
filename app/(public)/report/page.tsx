import { getLocale, getTranslations } from 'next-intl/server';
import { ReportForm } from '@/components/intake/report-form';

export async function generateMetadata() {
  const t = await getTranslations('intake.report');
  return { title: t('title') };
}

/** 我要反映 (and, with ?kind=misconduct, the separate 违纪违法线索 channel to the 纪委; ?building= preselects a building). */
export default async function ReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const misconduct = sp.kind === 'misconduct';
  // ?building=<id>: a grid worker reporting about a building of their grid (from /grid).
  const building =
    typeof sp.building === 'string' && /^\d{1,9}$/.test(sp.building) ? Number(sp.building) : null;
  return (
    <ReportForm
      key={misconduct ? 'm' : 'c'}
      misconduct={misconduct}
      locale={await getLocale()}
      presetBuilding={building}
    />
  );
}
