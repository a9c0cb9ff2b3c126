'use client';

import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { AREA_LAYERS, AREA_SOURCES, defaultBaseStyle } from '@/components/map/base-style';
import { areasQuery, gridsQuery } from '@/lib/query/map';

const STYLE_URL = process.env.NEXT_PUBLIC_MAP_STYLE_URL;

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
    maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
    const map = new maplibregl.Map({
      container: containerRef.current,
      style: STYLE_URL ?? defaultBaseStyle(),
      center: [lng, lat],
      zoom: 14,
      attributionControl: false,
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    new maplibregl.Marker({ color: '#c41d1d' }).setLngLat([lng, lat]).addTo(map);
    map.on('load', () => {
      if (STYLE_URL) {
        for (const [id, source] of Object.entries(AREA_SOURCES))
          if (!map.getSource(id)) map.addSource(id, source);
        for (const layer of AREA_LAYERS) if (layer.id !== 'county-fill') map.addLayer(layer);
      }
      setReady(true);
    });
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [lng, lat]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const feed = (id: string, data: FeatureCollection | undefined) => {
      if (data) (map.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(data);
    };
    feed('counties', counties.data);
    feed('towns', towns.data);
    feed('villages', villages.data);
    feed('grids', grids.data);
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
