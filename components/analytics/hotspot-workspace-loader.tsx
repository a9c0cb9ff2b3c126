'use client';

import dynamic from 'next/dynamic';

/** MapLibre, deck.gl and ECharts load on this route only, in the browser. */
export const HotspotWorkspaceLoader = dynamic(
  () => import('./hotspot-workspace').then((m) => m.HotspotWorkspace),
  {
    ssr: false,
  },
);
