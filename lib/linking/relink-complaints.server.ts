import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  type ComplaintToLink,
  type LinkUpdate,
  listComplaintsToLink,
  listGazetteerFacilities,
  updateAutoLinks,
} from '@/db/queries/complaint-links';
import type { LinkDecision } from './decide-links';
import { buildGazetteer, type Gazetteer, type GazetteerFacility } from './gazetteer';
import { linkComplaints } from './link-complaints.server';

export interface RelinkResult {
  /** Complaints read (staff-owned ones included). */
  scanned: number;
  /** Complaints whose links changed. */
  updated: number;
  /** The last id read (the next batch starts after it); null when none was left. */
  lastId: number | null;
  /** Each complaint's decision, by id (the parts a re-run may change). */
  decisions: Map<number, LinkDecision>;
}

/** The gazetteer read now (outside the reference cache: for transactions, scripts and the seed). */
export async function loadGazetteer(db: DbOrTx): Promise<Gazetteer> {
  return buildGazetteer((await listGazetteerFacilities(db)) as GazetteerFacility[]);
}

/**
 * (Re)link complaints already written: the given ids, or one keyset batch after `afterId`. Runs
 * `linkComplaints` on them and writes what changed; links staff confirmed or corrected stay
 * (`updateAutoLinks` re-checks the state in its own statement). `only: 'facility'` leaves the
 * building part alone (recategorisation). Idempotent: a second run over the same rows writes nothing.
 */
export async function relinkComplaints(
  db: DbOrTx,
  p: ({ ids: readonly number[] } | { afterId: number; limit: number; upToId?: number }) & {
    gazetteer?: Gazetteer;
    only?: 'facility';
  },
): Promise<RelinkResult> {
  const { rows, lastId } = await listComplaintsToLink(db, 'ids' in p ? { ids: p.ids } : p);
  const scanned = 'ids' in p ? rows.length : rows.length;
  if (rows.length === 0) return { scanned, updated: 0, lastId, decisions: new Map() };
  const gazetteer = p.gazetteer ?? (await loadGazetteer(db));
  const decisions = await linkComplaints(db, rows.map(subjectOf), gazetteer);
  const updates: LinkUpdate[] = rows.map((r, i) => toUpdate(r, decisions[i]!, p.only));
  const updated = await updateAutoLinks(db, updates);
  return {
    scanned,
    updated: updated.length,
    lastId,
    decisions: new Map(rows.map((r, i) => [r.id, decisions[i]!])),
  };
}

function subjectOf(r: ComplaintToLink) {
  return {
    title: r.title,
    description: r.description,
    address: r.address,
    categoryCode: r.categoryCode,
    point: { lng: r.lng, lat: r.lat },
    precision: r.locationPrecision,
  };
}

function toUpdate(r: ComplaintToLink, d: LinkDecision, only?: 'facility'): LinkUpdate {
  return {
    id: r.id,
    building:
      r.buildingLinkState === 'auto' && only !== 'facility'
        ? {
            buildingId: d.buildingId,
            householdId: d.householdId,
            method: d.building?.method ?? null,
            confidence: d.building?.confidence ?? null,
            reason: d.building?.reason ?? null,
          }
        : null,
    facility:
      r.facilityLinkState === 'auto'
        ? {
            facilityId: d.facilityId,
            method: d.facility?.method ?? null,
            confidence: d.facility?.confidence ?? null,
            reason: d.facility?.reason ?? null,
          }
        : null,
  };
}
