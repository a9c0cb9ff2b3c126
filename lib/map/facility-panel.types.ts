/**
 * The facility panel's contract (`GET /api/map/facilities/<id>`), shared by the verb and the map. Pure
 * (types only); the rows come from db/queries/facility-panel.ts.
 */
import type { FacilityBuildingRow, FacilityComplaintRow } from '@/db/queries/facility-panel';

export type { FacilityBuildingRow, FacilityComplaintRow };

export interface FacilityPanel {
  facility: {
    id: number;
    name: string;
    kind: string;
    operator: string | null;
    lng: number;
    lat: number;
    villageName: string | null;
    townName: string | null;
  };
  office: { id: number; name: string; phone: string | null };
  /** The 12 calendar months (Asia/Shanghai) up to this one, oldest first. */
  months: string[];
  /** Counted complaints per level-1 category, one count per month of `months`. */
  series: { code: string; name: string; color: string; counts: number[]; total: number }[];
  total: number;
  /** Complaints linked to the facility below the confidence bar in the same months (not counted). */
  unconfirmed: number;
  buildings: FacilityBuildingRow[];
  complaints: FacilityComplaintRow[];
}
