'use client';

import { MapboxOverlay } from '@deck.gl/mapbox';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CITY_BOUNDS, createOwnDataMap, MAX_BOUNDS } from '@/components/map/own-data-map';
import { UserContent } from '@/components/ui/user-content';
import { pointInAreas } from '@/lib/geo/point-in-areas';
import { filterEntries } from '@/lib/map/filters';
import { HEX_MAX_ZOOM } from '@/lib/map/hexagons';
import type { MapPoint, MapSetup } from '@/lib/map/map.types';
import { type MapState, mapStateQuery, parseMapState } from '@/lib/map/url-state';
import {
  areasQuery,
  type BboxTuple,
  complaintGlanceQuery,
  gridsQuery,
  perCapitaMapQuery,
  staffMapQueries,
} from '@/lib/query/map';
import { type AreaLabel, areaLabelsLayer } from './layers/area-labels-layer';
import { HEAT_LAYER, heatMaxima, heatSource, heatTilesUrl } from './layers/heat-style';
import { perCapitaClasses } from './layers/per-capita-style';
import {
  buildingsLayer,
  type CellDatum,
  cellCountsLayer,
  cellData,
  clusterCountsLayer,
  complaintCellsLayer,
  complaintClustersLayer,
  complaintHexagonsLayer,
  complaintPointsLayer,
  facilitiesLayer,
  hexagonCountsLayer,
  hexagonData,
  hexRgb,
  maxCount,
  type RGB,
  selectionLayer,
} from './layers/staff-layers';
import { StaffMapControls } from './staff-map-controls';
import { StaffMapPanel } from './staff-map-panel';
import type { DrawMode, Panel } from './staff-map-types';

export const POINTS_MIN_ZOOM = 14;
export const BUILDINGS_MIN_ZOOM = 14;
const GRID_MIN_ZOOM = 11.5;

interface ViewInfo {
  bbox: BboxTuple;
  zoom: number;
  lng: number;
  lat: number;
}

function viewOf(map: maplibregl.Map): ViewInfo {
  const b = map.getBounds();
  const r = (n: number) => Math.round(n * 1000) / 1000;
  const c = map.getCenter();
  return {
    bbox: [r(b.getWest()), r(b.getSouth()), r(b.getEast()), r(b.getNorth())],
    zoom: map.getZoom(),
    lng: c.lng,
    lat: c.lat,
  };
}

function labelsOf(fc: FeatureCollection | undefined): AreaLabel[] {
  return (fc?.features ?? []).map((f) => ({
    code: String(f.properties?.code),
    name: String(f.properties?.name),
    position: [Number(f.properties?.labelLng), Number(f.properties?.labelLat)],
  }));
}

function readUrlState(): MapState {
  const p = new URLSearchParams(window.location.search);
  return parseMapState((k) => p.get(k));
}

function areaLevelFor(zoom: number): 'county' | 'town' | 'village' | 'grid' {
  if (zoom < 9.5) return 'county';
  if (zoom < 11.5) return 'town';
  if (zoom < 13.5) return 'village';
  return 'grid';
}

export function StaffMap({ setup }: { setup: MapSetup }) {
  const t = useTranslations('map');
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const [state, setState] = useState<MapState>(readUrlState);
  const [view, setView] = useState<ViewInfo | null>(null);
  const [styleReady, setStyleReady] = useState(false);
  const [deckDrawn, setDeckDrawn] = useState(false);
  /** The loaded heat tiles' maxima, and whether the heat source has its tiles for the view. */
  const [heatMax, setHeatMax] = useState({ maxN: 1, maxW: 1, total: 0 });
  const [heatLoaded, setHeatLoaded] = useState(false);
  const [panel, setPanel] = useState<Panel>(() => {
    const s = readUrlState();
    return s.building
      ? { kind: 'building', id: s.building }
      : s.facility
        ? { kind: 'facility', id: s.facility }
        : s.selection
          ? { kind: 'selection' }
          : null;
  });
  const [drawMode, setDrawMode] = useState<DrawMode>(null);
  const [draft, setDraft] = useState<[number, number][]>([]);

  // The URL follows the state (history.replaceState keeps Next's router in sync without a request).
  useEffect(() => {
    const query = mapStateQuery(state);
    const url = `${window.location.pathname}${query ? `?${query}` : ''}`;
    if (url !== `${window.location.pathname}${window.location.search}`)
      window.history.replaceState(null, '', url);
  }, [state]);

  const update = useCallback((patch: Partial<MapState>) => setState((s) => ({ ...s, ...patch })), []);
  const filterQuery = useMemo(
    () => new URLSearchParams(filterEntries(state.filter)).toString(),
    [state.filter],
  );
  const on = (id: MapState['layers'][number]) => state.layers.includes(id);
  const zoom = view?.zoom ?? 9;

  const counties = useQuery(areasQuery('county'));
  const towns = useQuery(areasQuery('town'));
  const villages = useQuery(areasQuery('village'));
  const grids = useQuery({
    ...gridsQuery(view && on('grids') && zoom >= GRID_MIN_ZOOM ? view.bbox : null),
    placeholderData: keepPreviousData,
  });
  const needCells = on('cells') || (on('points') && zoom < POINTS_MIN_ZOOM);
  const cells = useQuery({
    ...staffMapQueries.cells(view, filterQuery),
    enabled: view !== null && needCells,
    placeholderData: keepPreviousData,
  });
  const needHexagons = on('hexagons') && zoom < HEX_MAX_ZOOM;
  const hexagons = useQuery({
    ...staffMapQueries.hexagons(view, filterQuery),
    enabled: view !== null && needHexagons,
    placeholderData: keepPreviousData,
  });
  const points = useQuery({
    ...staffMapQueries.points(view, filterQuery),
    enabled: view !== null && on('points') && zoom >= POINTS_MIN_ZOOM,
    placeholderData: keepPreviousData,
  });
  const buildings = useQuery({
    ...staffMapQueries.buildings(view, filterQuery),
    enabled: view !== null && on('buildings') && zoom >= BUILDINGS_MIN_ZOOM,
    placeholderData: keepPreviousData,
  });
  const facilities = useQuery({
    ...staffMapQueries.facilities(view),
    enabled: view !== null && on('facilities') && zoom >= 10,
    placeholderData: keepPreviousData,
  });

  // Tooltips in the UI language: a building's address and count, a cell's count, a facility's name.
  const tooltipRef = useRef<(object: unknown) => string | null>(() => null);
  tooltipRef.current = (object) => {
    if (!object) return null;
    const o = object as Record<string, unknown>;
    if ('properties' in o) {
      const p = o.properties as { address: string; complaints: number };
      return `${p.address} · ${t('tooltip.complaints', { count: p.complaints })}`;
    }
    if ('deadline' in o) return null;
    if ('kind' in o && 'name' in o) return String(o.name);
    if ('n' in o) return t('tooltip.cell', { count: Number(o.n) });
    return null;
  };
  const [hovered, setHovered] = useState<{ point: MapPoint; x: number; y: number } | null>(null);
  const hoverRef = useRef<(info: { object?: unknown; x: number; y: number }) => void>(() => {});
  hoverRef.current = (info) => {
    const o = info.object as MapPoint | undefined;
    setHovered(o && 'deadline' in o ? { point: o, x: info.x, y: info.y } : null);
  };
  const glance = useQuery(complaintGlanceQuery(hovered?.point.id ?? null));

  // Create the map once, at the URL's view or the caller's default view.
  useEffect(() => {
    if (!containerRef.current) return;
    const initial = readUrlState().view;
    const b = setup.defaultBounds;
    const map = createOwnDataMap({
      container: containerRef.current,
      ...(initial
        ? { center: [initial.lng, initial.lat] as [number, number], zoom: initial.zoom }
        : {
            bounds: b
              ? ([
                  [b[0], b[1]],
                  [b[2], b[3]],
                ] as [[number, number], [number, number]])
              : CITY_BOUNDS,
            // Keep the area clear of the controls (left), the legend (right) and the time bar (bottom).
            fitBoundsOptions: { padding: { top: 40, left: 270, right: 200, bottom: 90 }, maxZoom: 16.5 },
          }),
      maxBounds: MAX_BOUNDS,
    });
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onAfterRender: () => setDeckDrawn(true),
      // Points get their own tooltip (tracking code and title fetched on hover, see below).
      getTooltip: ({ object }) => tooltipRef.current(object),
      onHover: (info) => hoverRef.current(info),
    });
    map.addControl(overlay);
    map.on('load', () => {
      map.addSource(
        'heat',
        heatSource(
          heatTilesUrl(window.location.origin, new URLSearchParams(window.location.search).toString()),
        ),
      );
      map.addLayer(HEAT_LAYER);
      setStyleReady(true);
      setView(viewOf(map));
    });
    // After each render settles: rescale the heat to the loaded tiles' maximum.
    map.on('idle', () => {
      if (!map.getSource('heat')) return;
      const b = map.getBounds();
      const m = heatMaxima(map.querySourceFeatures('heat', { sourceLayer: 'centroids' }), {
        west: b.getWest(),
        south: b.getSouth(),
        east: b.getEast(),
        north: b.getNorth(),
      });
      setHeatMax((old) => (old.maxN === m.maxN && old.maxW === m.maxW && old.total === m.total ? old : m));
      setHeatLoaded(map.isSourceLoaded('heat'));
    });
    map.on('dataloading', (e) => {
      if ((e as { sourceId?: string }).sourceId === 'heat') setHeatLoaded(false);
    });
    map.on('moveend', () => {
      const v = viewOf(map);
      setView(v);
      setState((s) => ({ ...s, view: { lng: v.lng, lat: v.lat, zoom: v.zoom } }));
    });
    const at = (e: maplibregl.MapMouseEvent): [number, number] => [e.lngLat.lng, e.lngLat.lat];
    map.on('mousedown', (e) => dragHandlersRef.current.down(at(e)));
    map.on('mousemove', (e) => dragHandlersRef.current.move(at(e)));
    map.on('mouseup', (e) => dragHandlersRef.current.up(at(e)));
    mapRef.current = map;
    overlayRef.current = overlay;
    (window as unknown as { __suqiuMap?: maplibregl.Map }).__suqiuMap = map;
    return () => {
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
    };
  }, [setup.defaultBounds]);

  // Base sources and the MapLibre heatmap.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady) return;
    const feed = (id: string, data: FeatureCollection | undefined) => {
      if (data) (map.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(data);
    };
    feed('counties', counties.data);
    feed('towns', towns.data);
    feed('villages', villages.data);
    feed('grids', on('grids') ? grids.data : { type: 'FeatureCollection', features: [] });
  });

  // 每万人诉求量: the villages filled by class (registry residents; stats roles only), a popup on click.
  const perCapita = useQuery(perCapitaMapQuery(setup.seesStats && on('percapita')));
  const perCapitaLegend = useMemo(
    () => (perCapita.data ? perCapitaClasses(perCapita.data.villages) : null),
    [perCapita.data],
  );
  const perCapitaRef = useRef(perCapita.data);
  perCapitaRef.current = perCapita.data;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady) return;
    if (!map.getLayer('percapita-fill')) {
      map.addLayer(
        {
          id: 'percapita-fill',
          type: 'fill',
          source: 'villages',
          paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.72 },
        },
        map.getLayer('village-line') ? 'village-line' : undefined,
      );
      map.on('click', 'percapita-fill', (e) => {
        const code = e.features?.[0]?.properties?.code as string | undefined;
        const v = perCapitaRef.current?.villages.find((x) => x.code === code);
        if (!v) return;
        void import('maplibre-gl').then((ml) =>
          new ml.Popup({ closeButton: true })
            .setLngLat(e.lngLat)
            .setText(
              t('perCapita.popup', {
                name: v.name,
                residents: v.residents,
                complaints: v.complaints,
                rate: v.per10k === null ? '—' : v.per10k.toFixed(1),
              }),
            )
            .addTo(map),
        );
      });
    }
    const visible = on('percapita') && perCapitaLegend !== null;
    map.setLayoutProperty('percapita-fill', 'visibility', visible ? 'visible' : 'none');
    if (visible) map.setPaintProperty('percapita-fill', 'fill-color', perCapitaLegend.expression);
  });

  // The heat tiles follow the filter (playback included); only tiles in view are fetched.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady) return;
    const source = map.getSource('heat') as maplibregl.VectorTileSource | undefined;
    const url = heatTilesUrl(window.location.origin, filterQuery);
    if (source && source.tiles?.[0] !== url) source.setTiles([url]);
  }, [filterQuery, styleReady]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady) return;
    map.setLayoutProperty('complaint-heat', 'visibility', on('heatmap') ? 'visible' : 'none');
    // sqrt keeps a few dense cells from hiding everything else.
    map.setPaintProperty('complaint-heat', 'heatmap-weight', [
      '/',
      ['sqrt', ['get', state.weightByUrgency ? 'w' : 'n']],
      Math.sqrt(state.weightByUrgency ? heatMax.maxW : heatMax.maxN),
    ]);
  });

  const categoryColors = useMemo(
    () => Object.fromEntries(setup.categories.map((c) => [c.code, hexRgb(c.color)])) as Record<string, RGB>,
    [setup.categories],
  );
  const pointRows = useMemo<MapPoint[]>(() => {
    const p = points.data;
    if (!p) return [];
    return p.id.map((id, i) => ({
      id,
      lng: p.lng[i]!,
      lat: p.lat[i]!,
      category: p.category[i]!,
      urgency: p.urgency[i] ?? null,
      status: p.status[i]!,
      deadline: p.deadline[i]!,
      buildingId: p.buildingId[i] ?? null,
    }));
  }, [points.data]);
  const cellRows = useMemo(() => (cells.data ? cellData(cells.data) : []), [cells.data]);
  const cellMax = useMemo(() => maxCount(cellRows), [cellRows]);
  const hexRows = useMemo(() => (hexagons.data ? hexagonData(hexagons.data) : []), [hexagons.data]);
  const hexMax = useMemo(() => maxCount(hexRows), [hexRows]);
  // Width across flats, in km at the view's latitude (the legend's size note).
  const hexKm = hexagons.data
    ? Math.sqrt(3) * hexagons.data.radius * 40_075 * Math.cos(((view?.lat ?? 26.6) * Math.PI) / 180)
    : null;
  const countyLabels = useMemo(() => labelsOf(counties.data), [counties.data]);
  const townLabels = useMemo(() => labelsOf(towns.data), [towns.data]);
  const villageLabels = useMemo(() => labelsOf(villages.data), [villages.data]);
  const ring = drawMode ? draft : (state.selection ?? []);

  // Describe the deck.gl layers (cheap descriptors over memoised data).
  useEffect(() => {
    const overlay = overlayRef.current;
    if (!overlay) return;
    const showPoints = on('points') && zoom >= POINTS_MIN_ZOOM && points.data;
    const layers = [
      on('cells') && cellRows.length ? complaintCellsLayer(cellRows, { max: cellMax, opacity: 0.75 }) : null,
      on('cells') && cellRows.length ? cellCountsLayer(cellRows) : null,
      needHexagons && hexRows.length ? complaintHexagonsLayer(hexRows, { max: hexMax, opacity: 0.8 }) : null,
      needHexagons && hexRows.length ? hexagonCountsLayer(hexRows) : null,
      on('buildings') && zoom >= BUILDINGS_MIN_ZOOM && buildings.data
        ? buildingsLayer(buildings.data.features, {
            extrude: state.extrude,
            selectedId: panel?.kind === 'building' ? panel.id : null,
          })
        : null,
      on('points') && zoom < POINTS_MIN_ZOOM && cellRows.length
        ? complaintClustersLayer(cellRows, { max: cellMax, hollow: on('heatmap') })
        : null,
      on('points') && zoom < POINTS_MIN_ZOOM && cellRows.length
        ? clusterCountsLayer(cellRows, {
            minCount: Math.max(2, Math.ceil(cellMax / 40)),
            hollow: on('heatmap'),
          })
        : null,
      showPoints
        ? complaintPointsLayer(pointRows, {
            colorBy: state.colorBy,
            categoryColors,
            radius: zoom >= 16 ? 6 : 4.5,
          })
        : null,
      on('facilities') && facilities.data ? facilitiesLayer(facilities.data.facilities) : null,
      ring.length ? selectionLayer(ring, drawMode !== null) : null,
      zoom < 10.5
        ? areaLabelsLayer('county-labels', countyLabels, { size: 18, color: [60, 40, 30, 255] })
        : null,
      zoom >= 9.5 && zoom < 12.5
        ? areaLabelsLayer('town-labels', townLabels, { size: 13, color: [90, 70, 50, 255] })
        : null,
      zoom >= 12 && zoom < 15
        ? areaLabelsLayer('village-labels', villageLabels, { size: 12, color: [80, 80, 80, 255] })
        : null,
    ];
    overlay.setProps({ layers: layers.filter((l) => l !== null) });
  });

  // Clicks: drawing, a facility, a building, or the area under the cursor.
  const clickRef = useRef<
    (info: { object?: unknown; coordinate?: number[]; layer?: { id: string } | null }) => void
  >(() => {});
  clickRef.current = (info) => {
    if (suppressClickRef.current) {
      suppressClickRef.current = false;
      return;
    }
    const c = info.coordinate;
    if (!c) return;
    const p: [number, number] = [Math.round(c[0]! * 1e5) / 1e5, Math.round(c[1]! * 1e5) / 1e5];
    if (drawMode === 'rect') {
      if (draft.length === 0) setDraft([p]);
      else {
        const [a] = draft as [[number, number]];
        const rect: [number, number][] = [a, [p[0], a[1]], p, [a[0], p[1]], a];
        setDraft([]);
        setDrawMode(null);
        update({ selection: rect, building: null });
        setPanel({ kind: 'selection' });
      }
      return;
    }
    if (drawMode === 'polygon') {
      setDraft((d) => [...d, p]);
      return;
    }
    const o = info.object as Record<string, unknown> | undefined;
    if (info.layer?.id === 'facilities' && o && typeof o.id === 'number') {
      update({ facility: o.id, building: null });
      setPanel({ kind: 'facility', id: o.id });
      return;
    }
    if (o && 'polygon' in o && 'n' in o) {
      // A cluster or a square cell: zoom to it and list its complaints (as a drawn selection).
      const ring = (o as unknown as CellDatum).polygon;
      const xs = ring.map((q) => q[0]);
      const ys = ring.map((q) => q[1]);
      mapRef.current?.fitBounds(
        [
          [Math.min(...xs), Math.min(...ys)],
          [Math.max(...xs), Math.max(...ys)],
        ],
        { padding: 80, maxZoom: 16, duration: 300 },
      );
      const closed = ring.length && ring[0] !== ring[ring.length - 1] ? [...ring, ring[0]!] : ring;
      update({
        selection: closed.map(
          (q) => [Math.round(q[0] * 1e5) / 1e5, Math.round(q[1] * 1e5) / 1e5] as [number, number],
        ),
        building: null,
      });
      setPanel({ kind: 'selection' });
      return;
    }
    if (o && 'properties' in o && (o.properties as { id?: number }).id) {
      const id = (o.properties as { id: number }).id;
      update({ building: id, facility: null });
      setPanel({ kind: 'building', id });
      return;
    }
    if (o && 'buildingId' in o && typeof o.buildingId === 'number') {
      update({ building: o.buildingId, facility: null });
      setPanel({ kind: 'building', id: o.buildingId });
      return;
    }
    update({ building: null, facility: null });
    // Outside every county of the city there is no area to describe (the server would answer 404).
    if (counties.data && !pointInAreas(p, counties.data)) {
      setPanel(null);
      return;
    }
    setPanel({ kind: 'area', lng: p[0], lat: p[1], level: areaLevelFor(mapRef.current?.getZoom() ?? 9) });
  };
  useEffect(() => {
    overlayRef.current?.setProps({ onClick: (info) => clickRef.current(info) });
  }, []);

  // 框选 by dragging: press, drag and release draws the rectangle (the map does not pan meanwhile);
  // a plain click still sets one corner at a time.
  const rectDragRef = useRef<{ start: [number, number] } | null>(null);
  const dragHandlersRef = useRef({
    down: (_p: [number, number]) => {},
    move: (_p: [number, number]) => {},
    up: (_p: [number, number]) => {},
  });
  dragHandlersRef.current = {
    down: (p) => {
      if (drawMode !== 'rect') return;
      rectDragRef.current = { start: p };
    },
    move: (p) => {
      const start = rectDragRef.current?.start;
      if (!start) return;
      setDraft([start, [p[0], start[1]], p, [start[0], p[1]], start]);
    },
    up: (p) => {
      const start = rectDragRef.current?.start;
      rectDragRef.current = null;
      if (!start) return;
      const map = mapRef.current;
      const a = map?.project(start);
      const b = map?.project(p);
      // Less than a few pixels: a click, handled by the click handler (corner by corner).
      if (!a || !b || Math.hypot(a.x - b.x, a.y - b.y) < 6) {
        setDraft([]);
        return;
      }
      const r = (n: number) => Math.round(n * 1e5) / 1e5;
      const [x0, y0, x1, y1] = [r(start[0]), r(start[1]), r(p[0]), r(p[1])];
      setDraft([]);
      setDrawMode(null);
      suppressClickRef.current = true;
      window.setTimeout(() => {
        suppressClickRef.current = false;
      }, 400);
      update({
        selection: [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
        building: null,
      });
      setPanel({ kind: 'selection' });
    },
  };
  const suppressClickRef = useRef(false);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (drawMode === 'rect') map.dragPan.disable();
    else map.dragPan.enable();
  }, [drawMode]);

  const finishPolygon = () => {
    if (draft.length >= 3) {
      update({ selection: [...draft, draft[0]!], building: null });
      setPanel({ kind: 'selection' });
    }
    setDraft([]);
    setDrawMode(null);
  };

  const flyToBuilding = (b: { id: number; bbox: [number, number, number, number] }) => {
    mapRef.current?.fitBounds(
      [
        [b.bbox[0], b.bbox[1]],
        [b.bbox[2], b.bbox[3]],
      ],
      { maxZoom: 17, padding: 120, duration: 0 },
    );
    update({ building: b.id });
    setPanel({ kind: 'building', id: b.id });
  };

  const loading =
    !styleReady ||
    !counties.data ||
    (needCells && !cells.data) ||
    (needHexagons && !hexagons.data) ||
    (on('heatmap') && !heatLoaded) ||
    (on('points') && zoom >= POINTS_MIN_ZOOM && !points.data) ||
    (on('buildings') && zoom >= BUILDINGS_MIN_ZOOM && !buildings.data);
  const ready =
    !loading &&
    deckDrawn &&
    !cells.isFetching &&
    !hexagons.isFetching &&
    !points.isFetching &&
    !buildings.isFetching;
  const inView =
    zoom >= POINTS_MIN_ZOOM && on('points')
      ? (points.data?.total ?? 0)
      : (cells.data?.total ?? hexagons.data?.total ?? (on('heatmap') ? heatMax.total : 0));

  return (
    <div
      className={panel ? 'staff-map staff-map--panel' : 'staff-map'}
      data-map-state={ready ? 'ready' : 'loading'}
      data-zoom={zoom.toFixed(2)}
      data-total={inView}
      data-cell-source={(cells.data as { source?: string } | undefined)?.source ?? ''}
    >
      <div ref={containerRef} className="staff-map__canvas" />
      {!ready && <div className="staff-map__loading">{t('loading')}</div>}
      {on('percapita') && perCapitaLegend && perCapita.data && (
        <div
          style={{
            position: 'absolute',
            left: 12,
            bottom: 40,
            zIndex: 5,
            maxWidth: 260,
            padding: '8px 10px',
            background: 'rgba(255,255,255,0.95)',
            border: '1px solid #d9d9d9',
            borderRadius: 4,
            fontSize: 12,
            lineHeight: '18px',
          }}
          data-testid="percapita-legend"
        >
          <div style={{ fontWeight: 600 }}>{t('perCapita.legend')}</div>
          <div>{t('perCapita.residents', { n: perCapita.data.total.residents })}</div>
          {perCapitaLegend.classes.map((c) => (
            <div key={c.color} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
              <span style={{ width: 14, height: 10, background: c.color, display: 'inline-block' }} />
              {c.label}
            </div>
          ))}
        </div>
      )}
      {!setup.seesComplaints && (
        <div className="staff-map__notice" role="note" data-testid="map-no-complaints">
          {t('noComplaintsForRole')}
        </div>
      )}
      {hovered && (
        <div
          className="staff-map__tooltip"
          style={{ left: hovered.x + 14, top: hovered.y + 14 }}
          data-testid="point-tooltip"
        >
          <div className="staff-map__tooltip-title">
            {glance.data ? (
              <>
                {glance.data.trackingCode} · <UserContent>{glance.data.title}</UserContent>
              </>
            ) : (
              t('tooltip.loading')
            )}
          </div>
          <div>
            {t(`status.${hovered.point.status}` as 'status.received')} ·{' '}
            {t(`deadline.${hovered.point.deadline}` as 'deadline.done')}
          </div>
        </div>
      )}
      <StaffMapControls
        setup={setup}
        state={state}
        update={update}
        zoom={zoom}
        inView={inView}
        cellMax={cellMax}
        hexMax={hexMax}
        hexKm={hexKm}
        drawMode={drawMode}
        draftLength={draft.length}
        onDraw={(m) => {
          setDraft([]);
          setDrawMode(m);
        }}
        onFinishPolygon={finishPolygon}
        onClearSelection={() => {
          update({ selection: null });
          if (panel?.kind === 'selection') setPanel(null);
        }}
        onPickBuilding={flyToBuilding}
      />
      {panel && (
        <StaffMapPanel
          panel={panel}
          state={state}
          filterQuery={filterQuery}
          onClose={() => {
            setPanel(null);
            update({ building: null, facility: null });
          }}
          onBuilding={(id) => {
            update({ building: id, facility: null });
            setPanel({ kind: 'building', id });
          }}
        />
      )}
    </div>
  );
}
