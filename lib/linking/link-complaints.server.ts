import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  type LinkCandidateRow,
  type LinkRanges,
  listBuildingsByAddress,
  listLinkCandidates,
} from '@/db/queries/complaint-links';
import { segmentWords } from '@/lib/triage/segment';
import {
  BUILDING_NEAR_M,
  decideLinks,
  FACILITY_POINT_M,
  KIND_RANGE_MAX_M,
  type LinkCandidates,
  type LinkDecision,
  type LinkSubject,
  type LinkText,
  needsAddressLookup,
  placeCandidates,
  readLinkText,
} from './decide-links';
import type { Gazetteer } from './gazetteer';

const EMPTY: LinkCandidates = {
  gridId: null,
  covering: null,
  nearest: null,
  reporter: null,
  byAddress: [],
  facilities: [],
};

/** How far the candidates statement looks (the decision's ranges). */
export const LINK_RANGES: LinkRanges = {
  nearM: BUILDING_NEAR_M,
  pointM: FACILITY_POINT_M,
  kindM: KIND_RANGE_MAX_M,
};

/** The text read and the candidates gathered for complaints, before the decision. */
export interface GatheredLinks {
  texts: LinkText[];
  candidates: LinkCandidates[];
}

/**
 * 关联: decide the building (and household) and the facility of each complaint, the one linking
 * step of every channel (intake one by one and group-committed, Open311, the importer, staff entry,
 * recategorisation, `npm run link:complaints`, the demo seed). One indexed statement gathers the
 * spatial candidates of all the complaints given (`listLinkCandidates`); a second, only for
 * complaints no building was found for by place and whose text holds an address, matches building
 * addresses; the decision itself is pure (`decideLinks`, gazetteer from the reference cache).
 */
export async function linkComplaints(
  db: DbOrTx,
  subjects: readonly LinkSubject[],
  gazetteer: Gazetteer,
): Promise<LinkDecision[]> {
  return decideGatheredLinks(subjects, await gatherLinkCandidates(db, subjects), gazetteer);
}

/**
 * The gathering half of `linkComplaints`: it may run before triage has decided the category that
 * the decision weighs (`decideGatheredLinks`). Intake gets the same spatial candidates from its
 * locating statement instead and completes them with `completeLinkCandidates`.
 */
export async function gatherLinkCandidates(
  db: DbOrTx,
  subjects: readonly Omit<LinkSubject, 'categoryCode'>[],
): Promise<GatheredLinks> {
  const texts = subjects.map(readLinkText);
  if (subjects.length === 0) return { texts, candidates: [] };
  const located = subjects.flatMap((s, i) => (s.point ? [{ s, i, point: s.point }] : []));
  const rows = await listLinkCandidates(
    db,
    located.map(({ s, i, point }) => ({
      lng: point.lng,
      lat: point.lat,
      unit: texts[i]!.unit,
      reporterBuildingId: s.reporterBuildingId ?? null,
    })),
    LINK_RANGES,
  );
  const spatial: (LinkCandidateRow | null)[] = subjects.map(() => null);
  located.forEach(({ i }, n) => {
    spatial[i] = rows[n]!;
  });
  return completeLinkCandidates(db, subjects, texts, spatial);
}

/**
 * The rest of the gathering once the spatial candidates are known (from `listLinkCandidates`, or
 * from intake's locating statement, `locateForIntake` with `link`): the address match, only for
 * complaints no building was found for by place and whose text holds an address.
 */
export async function completeLinkCandidates(
  db: DbOrTx,
  subjects: readonly Omit<LinkSubject, 'categoryCode'>[],
  texts: readonly LinkText[],
  spatial: readonly (LinkCandidateRow | null)[],
): Promise<GatheredLinks> {
  const candidates: LinkCandidates[] = subjects.map((s, i) => {
    const row = spatial[i];
    return row
      ? placeCandidates({ ...row, byAddress: [] }, s.precision)
      : { ...EMPTY, byAddress: [], facilities: [] };
  });
  const asks = subjects.flatMap((s, i) =>
    needsAddressLookup(texts[i]!, candidates[i]!)
      ? texts[i]!.addressKeys.map((k) => ({
          i,
          tail: k.tail,
          written: k.written,
          text: texts[i]!.text,
          lng: s.point?.lng ?? null,
          lat: s.point?.lat ?? null,
          unit: texts[i]!.unit,
        }))
      : [],
  );
  for (const b of await listBuildingsByAddress(db, asks)) {
    const list = candidates[b.i]!.byAddress;
    if (!list.some((x) => x.id === b.id)) list.push(b);
  }
  return { texts: [...texts], candidates };
}

export function decideGatheredLinks(
  subjects: readonly LinkSubject[],
  gathered: GatheredLinks,
  gazetteer: Gazetteer,
): LinkDecision[] {
  return subjects.map((s, i) =>
    decideLinks(s, gathered.texts[i]!, gathered.candidates[i]!, gazetteer, segmentWords),
  );
}
