'use client';

import dynamic from 'next/dynamic';

/** MapLibre and deck.gl need a browser: load them on the client only, and only on map routes. */
export const HomeMapLoader = dynamic(() => import('./home-map').then((m) => m.HomeMap), { ssr: false });
