import { getLocale, getTranslations } from 'next-intl/server';
import { ReportForm } from '@/components/intake/report-form';

export async function generateMetadata() {
  const t = await getTranslations('intake.report');
  return { title: t('title') };
}

/** 我要反映 (and, with ?kind=misconduct, the separate 违纪违法线索 channel to the 纪委). */
export default async function ReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const misconduct = (await searchParams).kind === 'misconduct';
  return <ReportForm key={misconduct ? 'm' : 'c'} misconduct={misconduct} locale={await getLocale()} />;
}
