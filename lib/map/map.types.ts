/**
 * The contract of the staff map's and the home map's reads: the setup the /map page hands the client
 * and the responses of `GET /api/map/{cells,points,complaints}`, shared by the verbs, the routes and
 * the map components. Pure (types only); the row types come from the queries that produce them.
 */
import type { HomeMapPoint } from '@/db/queries/map';
import type { Cell, MapPoint } from '@/db/queries/map-bins';
import type { TopCategory } from '@/db/queries/map-panels';
import type { Role } from '@/lib/auth/types';

export type { Cell, HomeMapPoint, MapPoint, TopCategory };

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
