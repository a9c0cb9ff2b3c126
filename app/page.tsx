import { HomeMapLoader } from '@/components/map/home-map-loader';

/** The home page: the map of Panzhihua from the project's own data, with the complaints on it. */
export default function HomePage() {
  return <HomeMapLoader />;
}
