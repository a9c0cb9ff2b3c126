/**
 * The one place that decides who may see and do what.
 *
 * Two questions, answered separately:
 * 1. May this role perform this action at all? → `can` / `assertCan` over the ACTIONS table.
 * 2. Which rows are inside the caller's jurisdiction? → `complaintScope`, `personScope`,
 *    `buildingScope`, `gridScope`: drizzle SQL conditions that every scoped query ANDs in.
 *
 * Rules (PRODUCT.md):
 * - grid_worker: complaints located in their grid or reported by them; buildings, households and
 *   persons of their grid (persons unmasked, their grid only).
 * - handler: complaints whose responsible office is theirs or which list it in co_office_ids;
 *   buildings of the division their office serves; no resident registry.
 * - inspector (纪委): every complaint of their division, and alone among roles the misconduct
 *   reports (kind = 'misconduct') of that division; persons of their division, masked.
 * - leader: complaints of their division without misconduct reports and without personal data
 *   (no contacts, no persons).
 * - admin: configuration only; no complaints, no personal data.
 * A user whose binding is missing (jurisdiction 'none') matches no row.
 */
import { type SQL, sql } from 'drizzle-orm';
import { alerts, buildings, complaintMapBins, complaints, facilities, grids, persons } from '@/db/schema';
import { AppError } from '@/lib/http/errors';
import type { AuthUser, DivisionLevel, Jurisdiction, Role } from './types';

const ALL_STAFF: readonly Role[] = ['grid_worker', 'handler', 'inspector', 'leader', 'admin'];

/** Action → the roles that may perform it (inside their jurisdiction). */
export const ACTIONS = {
  /** The GIS workspace and base layers (areas, grids). */
  'map.read': ALL_STAFF,
  'complaint.read': ['grid_worker', 'handler', 'inspector', 'leader'],
  /** The complainant's name and phone (complaint_contacts). */
  'complaint.readContact': ['grid_worker', 'handler', 'inspector'],
  /** Reports about officials' misconduct (kind = 'misconduct'). */
  'complaint.readMisconduct': ['inspector'],
  /** Report on a resident's behalf (walk-ins, 坝坝会). */
  'complaint.reportOnBehalf': ['grid_worker'],
  /** Accept, reply, resolve, return, transfer (the responsible office's handler only). */
  'complaint.handle': ['handler'],
  /** Manual dispatch queue, rejection of out-of-scope complaints (the area's 纪委 runs the platform). */
  'complaint.dispatch': ['inspector'],
  /** Escalate a case to the tier above. */
  'complaint.escalate': ['handler', 'inspector'],
  /** Override the triaged category (recorded as an event; the override trains the suggester). */
  'complaint.recategorize': ['handler', 'inspector'],
  /** Confirm, correct or clear a case's building or facility link (the linker's choice). */
  'complaint.link': ['grid_worker', 'handler', 'inspector'],
  /** Merge a duplicate into an earlier case. */
  'complaint.merge': ['handler', 'inspector'],
  /** Reopen a resolved or closed case (failed spot check). */
  'complaint.reopen': ['inspector'],
  /** Acknowledge and answer supervision letters addressed to one's office. */
  'letter.answer': ['handler'],
  /** Supervision letters, spot checks. */
  'complaint.supervise': ['inspector'],
  /** Follow-up visits (回访). */
  'complaint.visit': ['grid_worker', 'inspector'],
  /** A grid worker's follow-up visit to a building of their grid (from the map's building panel). */
  'building.visit': ['grid_worker'],
  'building.read': ['grid_worker', 'handler', 'inspector', 'leader', 'admin'],
  /** Persons of a grid (masked unless `person.readUnmasked` applies). */
  'person.read': ['grid_worker', 'inspector'],
  /** Unmasked names and phones: the grid's own worker only. */
  'person.readUnmasked': ['grid_worker'],
  'stats.read': ['inspector', 'leader'],
  'report.read': ['inspector', 'leader'],
  'clue.manage': ['inspector'],
  /** The buck-passing analysis (推诿扯皮) of the division: bouncing cases, office pairs, patterns. */
  'buckPassing.read': ['inspector', 'leader'],
  /** Surge alerts (事前预警) of the division and below, and subscriptions to them. */
  'alert.read': ['inspector', 'leader'],
  /** Recompute the surge alerts now (they are computed on a schedule and on read anyway). */
  'alert.run': ['inspector', 'admin'],
  /** 每月一题: the division's recurring-problem candidates and the topics picked, with their follow-up. */
  'topic.read': ['inspector', 'leader'],
  /** Pick the month's topic for one's division (one per division and month, audited). */
  'topic.pick': ['inspector', 'leader'],
  'config.manage': ['admin'],
  'user.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export function can(user: Pick<AuthUser, 'role'>, action: Action): boolean {
  return (ACTIONS[action] as readonly Role[]).includes(user.role);
}

export function assertCan(user: Pick<AuthUser, 'role'>, action: Action): void {
  if (!can(user, action)) throw new AppError('FORBIDDEN', `Not allowed: ${action}`);
}

/** The jurisdiction kind each role must be bound to. */
export const ROLE_JURISDICTION: Record<Role, Jurisdiction['kind']> = {
  grid_worker: 'grid',
  handler: 'office',
  inspector: 'division',
  leader: 'division',
  admin: 'division',
};

/** Derive the jurisdiction from a user row's bindings; 'none' when the binding does not fit the role. */
export function jurisdictionOf(row: {
  role: Role;
  gridId: number | null;
  officeId: number | null;
  officeDivisionCode: string | null;
  officeDivisionLevel: DivisionLevel | null;
  divisionCode: string | null;
  divisionLevel: DivisionLevel | null;
}): Jurisdiction {
  switch (ROLE_JURISDICTION[row.role]) {
    case 'grid':
      return row.gridId !== null ? { kind: 'grid', gridId: row.gridId } : { kind: 'none' };
    case 'office':
      return row.officeId !== null && row.officeDivisionCode && row.officeDivisionLevel
        ? {
            kind: 'office',
            officeId: row.officeId,
            divisionCode: row.officeDivisionCode,
            divisionLevel: row.officeDivisionLevel,
          }
        : { kind: 'none' };
    case 'division':
      return row.divisionCode && row.divisionLevel
        ? { kind: 'division', divisionCode: row.divisionCode, divisionLevel: row.divisionLevel }
        : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

const NOTHING = sql`false`;

type Subject = Pick<AuthUser, 'id' | 'role' | 'jurisdiction'>;

/** Complaints the caller may read. ANDed into every complaint query. */
export function complaintScope(user: Subject): SQL {
  if (!can(user, 'complaint.read')) return NOTHING;
  const j = user.jurisdiction;
  const noMisconduct = can(user, 'complaint.readMisconduct')
    ? sql`true`
    : sql`${complaints.kind} = 'complaint'`;
  switch (j.kind) {
    case 'grid':
      return sql`((${complaints.gridId} = ${j.gridId} or ${complaints.reportedByUserId} = ${user.id}) and ${noMisconduct})`;
    case 'office':
      return sql`((${complaints.responsibleOfficeId} = ${j.officeId} or ${j.officeId} = any(${complaints.coOfficeIds})) and ${noMisconduct})`;
    case 'division':
      return sql`(${complaintInDivision(j.divisionCode, j.divisionLevel)} and ${noMisconduct})`;
    default:
      return NOTHING;
  }
}

/** Whether the complaint's denormalised area codes fall inside a division. */
function complaintInDivision(code: string, level: DivisionLevel): SQL {
  switch (level) {
    case 'village':
      return sql`${complaints.villageCode} = ${code}`;
    case 'town':
      return sql`${complaints.townCode} = ${code}`;
    case 'county':
      return sql`${complaints.countyCode} = ${code}`;
    case 'city':
      return sql`${complaints.countyCode} in (select scope_c.code from divisions scope_c where scope_c.parent_code = ${code})`;
  }
}

/** The village codes inside a division, as a subquery. */
function villagesWithin(code: string, level: DivisionLevel): SQL {
  switch (level) {
    case 'village':
      return sql`(select ${code}::text)`;
    case 'town':
      return sql`(select scope_v.code from divisions scope_v where scope_v.parent_code = ${code})`;
    case 'county':
      return sql`(select scope_v.code from divisions scope_v
        join divisions scope_t on scope_t.code = scope_v.parent_code
        where scope_t.parent_code = ${code})`;
    case 'city':
      return sql`(select scope_v.code from divisions scope_v
        join divisions scope_t on scope_t.code = scope_v.parent_code
        join divisions scope_c on scope_c.code = scope_t.parent_code
        where scope_c.parent_code = ${code})`;
  }
}

/** Grid ids the caller may see on the map (their grid, or the grids of their division). */
function gridIdsIn(j: Jurisdiction): SQL | null {
  switch (j.kind) {
    case 'grid':
      return sql`(select ${j.gridId}::integer)`;
    case 'office':
    case 'division':
      return sql`(select scope_g.id from grids scope_g where scope_g.village_code in ${villagesWithin(j.divisionCode, j.divisionLevel)})`;
    default:
      return null;
  }
}

/** Grids the caller may see (base layer and grid panels). */
export function gridScope(user: Subject): SQL {
  if (!can(user, 'map.read')) return NOTHING;
  const ids = gridIdsIn(user.jurisdiction);
  return ids ? sql`${grids.id} in ${ids}` : NOTHING;
}

/** Buildings the caller may see. */
export function buildingScope(user: Subject): SQL {
  if (!can(user, 'building.read')) return NOTHING;
  const ids = gridIdsIn(user.jurisdiction);
  return ids ? sql`${buildings.gridId} in ${ids}` : NOTHING;
}

/**
 * Facilities the caller may open on the map (their panel): those in the villages of a division or
 * office jurisdiction; for a grid worker, those standing in their grid.
 */
export function facilityScope(user: Subject): SQL {
  if (!can(user, 'building.read')) return NOTHING;
  const j = user.jurisdiction;
  switch (j.kind) {
    case 'grid':
      return sql`exists (select 1 from grids scope_g where scope_g.id = ${j.gridId}
        and ST_Intersects(scope_g.boundary, ${facilities.location}))`;
    case 'office':
    case 'division':
      return sql`${facilities.divisionCode} in ${villagesWithin(j.divisionCode, j.divisionLevel)}`;
    default:
      return NOTHING;
  }
}

/** Persons the caller may see (masked or not: see `canReadPersonsUnmasked`). */
export function personScope(user: Subject): SQL {
  if (!can(user, 'person.read')) return NOTHING;
  const ids = gridIdsIn(user.jurisdiction);
  if (!ids) return NOTHING;
  return sql`${persons.householdId} in (select scope_h.id from households scope_h
    join buildings scope_b on scope_b.id = scope_h.building_id where scope_b.grid_id in ${ids})`;
}

/** Unmasked names and phones of a grid's persons: that grid's own worker only. */
export function canReadPersonsUnmasked(user: Subject, gridId: number): boolean {
  return (
    can(user, 'person.readUnmasked') &&
    user.jurisdiction.kind === 'grid' &&
    user.jurisdiction.gridId === gridId
  );
}

/** Contacts of complaints the caller can already read. */
export function canReadComplaintContact(user: Subject): boolean {
  return can(user, 'complaint.readContact');
}

/** Once a case is closed, merged or rejected, no office or grid worker needs its reporter any more. */
export const CONTACT_CLOSED_STATUSES = ['closed', 'merged', 'rejected'] as const;

/** How a reporter's name and phone may be shown: in full (after an audited unmask), masked, or not at all. */
export type ContactAccess = 'full' | 'masked' | 'none';

/**
 * The reporter's contact of a complaint the caller can already read (inside `complaintScope`):
 * - 'full' — only after an explicit, audited unmask — for the 纪委 inspectors of the jurisdiction
 *   always; the handlers of the first-responsible office while the case is open with it (not after
 *   it is closed, transferred or returned away; co-handling offices see it masked); the grid worker
 *   who reported on the resident's behalf while the case is open;
 * - 'masked' (138****5678, 张*) for the other grid workers, handlers and inspectors who read the case;
 * - 'none' for leaders and admins (no personal data at all).
 * Anonymous reports store no contact at all. `contactFullSql` is the same rule in SQL.
 */
export function contactAccess(
  user: Subject,
  c: { status: string; responsibleOfficeId: number | null; reportedByUserId: number | null },
): ContactAccess {
  if (!can(user, 'complaint.readContact')) return 'none';
  const open = !(CONTACT_CLOSED_STATUSES as readonly string[]).includes(c.status);
  const j = user.jurisdiction;
  switch (user.role) {
    case 'inspector':
      return j.kind === 'division' ? 'full' : 'masked';
    case 'handler':
      return j.kind === 'office' && open && c.responsibleOfficeId === j.officeId ? 'full' : 'masked';
    case 'grid_worker':
      return open && c.reportedByUserId === user.id ? 'full' : 'masked';
    default:
      return 'masked';
  }
}

/** `contactAccess(...) === 'full'` as a condition on `complaints` (ANDed with `complaintScope`). */
export function contactFullSql(user: Subject): SQL {
  if (!can(user, 'complaint.readContact')) return NOTHING;
  const open = sql`${complaints.status}::text not in (${sql.join(
    CONTACT_CLOSED_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  )})`;
  const j = user.jurisdiction;
  switch (user.role) {
    case 'inspector':
      return j.kind === 'division' ? sql`true` : NOTHING;
    case 'handler':
      return j.kind === 'office'
        ? sql`(${open} and ${complaints.responsibleOfficeId} = ${j.officeId})`
        : NOTHING;
    case 'grid_worker':
      return sql`(${open} and ${complaints.reportedByUserId} = ${user.id})`;
    default:
      return NOTHING;
  }
}

/**
 * Complaints on the map's layers and panels: the caller's complaints without misconduct reports,
 * for every role (those stay on the 纪委's own screens, never on shared map layers).
 */
export function complaintMapScope(user: Subject): SQL {
  return sql`(${complaintScope(user)} and ${complaints.kind} = 'complaint')`;
}

/**
 * The same rows as `complaintMapScope`, as a condition on the precomputed `complaint_map_bins`,
 * or null when the bins cannot express the jurisdiction (grid workers also see what they reported
 * anywhere; handlers see by office): callers then aggregate the complaints themselves.
 */
export function complaintBinScope(user: Subject): SQL | null {
  if (!can(user, 'complaint.read')) return NOTHING;
  const j = user.jurisdiction;
  if (j.kind === 'none') return NOTHING;
  if (j.kind !== 'division') return null;
  const kind = sql`${complaintMapBins.kind} = 'complaint'`;
  switch (j.divisionLevel) {
    case 'village':
      return sql`(${complaintMapBins.villageCode} = ${j.divisionCode} and ${kind})`;
    case 'town':
      return sql`(${complaintMapBins.townCode} = ${j.divisionCode} and ${kind})`;
    case 'county':
      return sql`(${complaintMapBins.countyCode} = ${j.divisionCode} and ${kind})`;
    case 'city':
      return sql`(${complaintMapBins.countyCode} in (select scope_c.code from divisions scope_c where scope_c.parent_code = ${j.divisionCode}) and ${kind})`;
  }
}

/**
 * Surge alerts the caller may read: those of their division and of every area inside it (a county's
 * inspectors and leaders see the county's, its towns' and its villages' alerts). Alerts count
 * ordinary complaints only, so leaders see them too; admins and other roles none.
 */
export function alertScope(user: Subject): SQL {
  if (!can(user, 'alert.read')) return NOTHING;
  const j = user.jurisdiction;
  if (j.kind !== 'division') return NOTHING;
  switch (j.divisionLevel) {
    case 'village':
      return sql`${alerts.areaCode} = ${j.divisionCode}`;
    case 'town':
      return sql`(${alerts.townCode} = ${j.divisionCode})`;
    case 'county':
      return sql`(${alerts.countyCode} = ${j.divisionCode})`;
    case 'city':
      return sql`(${alerts.countyCode} in (select scope_c.code from divisions scope_c where scope_c.parent_code = ${j.divisionCode}))`;
  }
}
