/** The staff map's UI state, shared by the map, its controls and its panel (apart, so neither imports the map back). */

/** What the side panel shows: a building, a facility, an area around a point, or the drawn selection. */
export type Panel =
  | { kind: 'building'; id: number }
  | { kind: 'facility'; id: number }
  | { kind: 'area'; lng: number; lat: number; level: 'county' | 'town' | 'village' | 'grid' }
  | { kind: 'selection' }
  | null;

/** The drawing tool in use for a selection, if any. */
export type DrawMode = 'rect' | 'polygon' | null;
