import { getTranslations } from 'next-intl/server';
import { HomeMapLoader } from '@/components/map/home-map-loader';

/** The home page: the map of Panzhihua from the project's own data, with the complaints on it. */
export default async function HomePage() {
  const t = await getTranslations('app');
  return (
    <>
      <h1 className="sr-only">{`${t('name')} · ${t('fullName')}`}</h1>
      <HomeMapLoader />
    </>
  );
}
