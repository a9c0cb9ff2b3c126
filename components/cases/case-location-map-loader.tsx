'use client';

import dynamic from 'next/dynamic';

/** MapLibre needs a browser: load the case map on the client only. */
export const CaseLocationMapLoader = dynamic(
  () => import('./case-location-map').then((m) => m.CaseLocationMap),
  {
    ssr: false,
  },
);
