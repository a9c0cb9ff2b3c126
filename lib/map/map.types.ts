/**
 * The contract of the staff map's and the home map's reads: the setup the /map page hands the client
 * and the responses of `GET /api/map/{cells,points,complaints,buildings,facilities,building-search,
 * buildings/:id,area,selection}`, shared by the verbs, the routes and the map components. Pure (types
 * only); the row types come from the queries that produce them.
 */
import type { HomeMapPoint } from '@/db/queries/map';
import type { Cell, MapPoint } from '@/db/queries/map-bins';
import type {
  AreaRow,
  BuildingRow,
  ComplaintSummary,
  CountRow,
  FacilityRow,
  MapBuildingFeature,
  PanelComplaintRow,
  TopCategory,
  VisitRow,
} from '@/db/queries/map-panels';
import type { Role } from '@/lib/auth/types';

export type {
  AreaRow,
  BuildingRow,
  Cell,
  ComplaintSummary,
  CountRow,
  FacilityRow,
  HomeMapPoint,
  MapBuildingFeature,
  MapPoint,
  PanelComplaintRow,
  TopCategory,
  VisitRow,
};

/** One array per field of `T`: a list of rows sent column by column (≈ 60 % of the JSON of objects). */
export type Columns<T> = { [K in keyof T]: T[K][] };

/** `GET /api/map/cells`: complaint counts by grid cell of a view, columnar (one entry per non-empty cell). */
export type MapCells = {
  level: number;
  /** 'bins': precomputed; 'raw': aggregated from the complaints for this request. */
  source: 'bins' | 'raw';
  total: number;
} & Columns<Cell>;

/** `GET /api/map/points`: complaint points of a high-zoom view, columnar. */
export type MapPoints = {
  total: number;
  /** More than MAX_POINTS matched: the newest are sent. */
  truncated: boolean;
} & Columns<MapPoint>;

/** `GET /api/map/complaints`: the public home map's points (no misconduct, no personal data). */
export interface HomeMapPoints {
  total: number;
  truncated: boolean;
  generatedAt: string;
  points: HomeMapPoint[];
}

/** What the staff map needs before it draws (`getMapSetup`): the caller's default view, categories, offices, months. */
export interface MapSetup {
  defaultBounds: [number, number, number, number] | null;
  categories: TopCategory[];
  offices: { id: number; name: string }[];
  months: string[];
  role: Role;
  /** Whether the role sees complaints at all (admins see configuration only: no complaint layers). */
  seesComplaints: boolean;
  /** Whether the role reads statistics (the per-capita choropleth). */
  seesStats: boolean;
}

/** `GET /api/map/buildings`: building footprints of a view with their complaint counts (GeoJSON). */
export interface MapBuildings {
  type: 'FeatureCollection';
  features: MapBuildingFeature[];
}

/** `GET /api/map/facilities`: facilities of a view. */
export interface MapFacilities {
  facilities: FacilityRow[];
}

/** `GET /api/map/building-search?q=`: buildings of the caller's jurisdiction by address. */
export interface BuildingSearch {
  buildings: BuildingRow[];
}

/** A household of a building panel; persons masked unless the caller is the grid's own worker. */
export interface PanelHousehold {
  id: number;
  unit: string;
  size: number;
  persons: { name: string; gender: string; birthYear: number; phone: string | null; isHead: boolean }[];
}

/** `GET /api/map/buildings/:id`: a building's panel (户入楼). */
export interface BuildingPanel {
  building: BuildingRow;
  /** Whether the role sees residents at all (`person.read`). */
  personsVisible: boolean;
  masked: boolean;
  canVisit: boolean;
  households: PanelHousehold[];
  complaints: PanelComplaintRow[];
  facilities: FacilityRow[];
  visits: VisitRow[];
}

/** `GET /api/map/area`: the area at a point and its complaints' summary. */
export type AreaSummary = { area: AreaRow } & ComplaintSummary;

/** `GET /api/map/selection`: the summary and the newest complaints of a drawn selection. */
export type SelectionSummary = ComplaintSummary & { complaints: PanelComplaintRow[] };
