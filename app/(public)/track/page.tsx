import { getTranslations } from 'next-intl/server';
import { TrackView } from '@/components/intake/track-view';

export async function generateMetadata() {
  const t = await getTranslations('intake.track');
  return { title: t('title') };
}

/** 进度查询: public timeline by tracking code, rating and reopening. */
export default function TrackPage() {
  return <TrackView />;
}
