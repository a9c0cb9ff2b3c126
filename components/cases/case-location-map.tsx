'use client';

import { useQuery } from '@tanstack/react-query';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { createOwnDataMap, feedAreaSources } from '@/components/map/own-data-map';
import { areasQuery, gridsQuery } from '@/lib/query/map';

/** A small map of one case's location on the own-data basemap (areas and grids), with a marker. */
export function CaseLocationMap({ lng, lat }: { lng: number; lat: number }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const d = 0.01;
  const counties = useQuery(areasQuery('county'));
  const towns = useQuery(areasQuery('town'));
  const villages = useQuery(areasQuery('village'));
  const grids = useQuery(gridsQuery([lng - d, lat - d, lng + d, lat + d]));

  useEffect(() => {
    if (!containerRef.current) return;
    const map = createOwnDataMap({
      container: containerRef.current,
      center: [lng, lat],
      zoom: 14,
      scale: false,
    });
    new maplibregl.Marker({ color: '#c41d1d' }).setLngLat([lng, lat]).addTo(map);
    map.on('load', () => setReady(true));
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [lng, lat]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    feedAreaSources(map, {
      counties: counties.data,
      towns: towns.data,
      villages: villages.data,
      grids: grids.data,
    });
  }, [ready, counties.data, towns.data, villages.data, grids.data]);

  return (
    <div
      ref={containerRef}
      className="case-map"
      data-map-state={ready ? 'ready' : 'loading'}
      style={{ height: 260, width: '100%', borderRadius: 4, overflow: 'hidden' }}
    />
  );
}
