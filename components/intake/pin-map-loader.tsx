'use client';

import dynamic from 'next/dynamic';

/** MapLibre needs a browser: loaded on the client, only on the report page. */
export const PinMapLoader = dynamic(() => import('./pin-map').then((m) => m.PinMap), {
  ssr: false,
  loading: () => <div style={{ height: 220, borderRadius: 8, background: '#f2f1ed' }} />,
});
