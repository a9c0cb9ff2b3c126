'use client';

import dynamic from 'next/dynamic';

/** MapLibre, deck.gl and the panels load on the client, on this route only. */
export const StaffMapLoader = dynamic(() => import('./staff-map').then((m) => m.StaffMap), { ssr: false });
