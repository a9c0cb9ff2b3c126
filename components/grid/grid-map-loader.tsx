'use client';

import dynamic from 'next/dynamic';

/** MapLibre needs a browser: the grid map is loaded on the client only. */
export const GridMapLoader = dynamic(() => import('./grid-map').then((m) => m.GridMap), {
  ssr: false,
  loading: () => <div style={{ height: '100%', minHeight: 260, background: '#f2f1ed', borderRadius: 8 }} />,
});
