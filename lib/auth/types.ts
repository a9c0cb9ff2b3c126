/** Who is signed in, and the jurisdiction they are bound to. Safe to send to the client. */

export const ROLES = ['grid_worker', 'handler', 'inspector', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type DivisionLevel = 'city' | 'county' | 'town' | 'village';

/**
 * The jurisdiction a role is bound to, derived from the user row:
 * - grid_worker → their grid (users.grid_id);
 * - handler → their office (users.office_id), with the division that office serves;
 * - inspector, leader, admin → a division (users.division_code) at city, county, town or village level;
 * - none → the binding is missing or does not match the role: the user sees nothing.
 */
export type Jurisdiction =
  | { kind: 'grid'; gridId: number }
  | { kind: 'office'; officeId: number; divisionCode: string; divisionLevel: DivisionLevel }
  | { kind: 'division'; divisionCode: string; divisionLevel: DivisionLevel }
  | { kind: 'none' };

export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  jurisdiction: Jurisdiction;
  /** A human label for the jurisdiction (grid, office or division name), for the header. */
  jurisdictionName: string | null;
}
