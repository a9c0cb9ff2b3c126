import 'server-only';
import type { Db } from '@/db/client';
import { listBuildingsByAddress } from '@/db/queries/complaint-links';
import { getBuildingForIntake } from '@/db/queries/intake';
import { listDivisionNames, listFacilityDivisions } from '@/db/queries/places';
import { isWithinDivision } from '@/lib/geo/division-code';
import { haversineMetres } from '@/lib/linking/distance';
import { findFacilityMentions, normaliseText } from '@/lib/linking/gazetteer';
import { readAddressKeys } from '@/lib/linking/read-address';
import { segmentWords } from '@/lib/triage/segment';
import { getReferenceData } from '@/lib/workflow/get-reference-data.server';
import { readAddressDivision } from './read-address-place';

/** Buildings of one street number located together: at most this many, within this distance of their middle. */
const SAME_LOT_MAX = 12;
const SAME_LOT_M = 150;

/** A building address without its building number: `… 团结东路 87 号 2 栋` → `… 团结东路 87 号`. */
function lotOf(address: string): string {
  return address.replace(/\s*\d+\s*栋$/, '');
}

export interface AddressLocation {
  /** WGS84. */
  lng: number;
  lat: number;
  /** What the point is: a building's centre, a facility's place, or a town's or village's centre. */
  precision: 'building' | 'facility' | 'village' | 'town';
  /** The building address, facility name or division name located, for the receipt. */
  label: string;
}

/**
 * Open311 `address_string` without `lat`/`long` (the spec allows it): where the address is, from the
 * city's own data. In order: a building whose address the text gives (`江南大道256号`, `4组1号`) inside
 * the division the text names (or the middle of the buildings of one street number, `团结东路87号`);
 * else the one facility it names (`米易县人民医院`, `湖光金沙苑小区`), inside
 * that division when several share the name; else the centre of the finest village/community or
 * town/street it names. Null when nothing finer than a county is recognised (the caller answers 400).
 */
export async function locateAddressString(db: Db, address: string): Promise<AddressLocation | null> {
  const text = normaliseText(address);
  if (text === '') return null;
  const divisions = await listDivisionNames(db);
  const division = readAddressDivision(text, divisions);
  const inDivision = (code: string) =>
    division ? isWithinDivision(code, division.code, division.level) : true;
  const inDivisionByName = (buildingAddress: string) =>
    division ? buildingAddress.split(' ')[0]!.includes(division.name) : true;

  const keys = readAddressKeys(text);
  if (keys.length > 0) {
    const hits = await listBuildingsByAddress(
      db,
      keys.map((k) => ({ i: 0, tail: k.tail, written: k.written, text, lng: null, lat: null, unit: null })),
    );
    const ids = [...new Set(hits.filter((h) => inDivisionByName(h.address)).map((h) => h.id))];
    if (ids.length === 1) {
      const hit = hits.find((h) => h.id === ids[0])!;
      const b = await getBuildingForIntake(db, hit.id);
      if (b) return { lng: b.lng, lat: b.lat, precision: 'building', label: hit.address };
    }
    // One street number of several buildings (`团结东路87号` → its 1 栋 and 2 栋): their middle, when
    // they stand together; the linker then takes the nearest of them as by address, and says so.
    const lots = new Set(ids.map((id) => lotOf(hits.find((h) => h.id === id)!.address)));
    if (ids.length > 1 && ids.length <= SAME_LOT_MAX && lots.size === 1) {
      const bs = (await Promise.all(ids.map((id) => getBuildingForIntake(db, id)))).filter((b) => b !== null);
      const lng = bs.reduce((a, b) => a + b.lng, 0) / bs.length;
      const lat = bs.reduce((a, b) => a + b.lat, 0) / bs.length;
      if (bs.length === ids.length && bs.every((b) => haversineMetres(b, { lng, lat }) <= SAME_LOT_M)) {
        return { lng, lat, precision: 'building', label: `${[...lots][0]}（${bs.length} 栋楼）` };
      }
    }
  }

  const { gazetteer } = await getReferenceData(db);
  const mentioned = [
    ...new Set(findFacilityMentions(text, gazetteer, segmentWords).flatMap((m) => m.term.facilityIds)),
  ];
  if (mentioned.length > 0) {
    const within = (await listFacilityDivisions(db, mentioned)).filter((f) => inDivision(f.divisionCode));
    if (within.length === 1) {
      const f = gazetteer.facilities.get(within[0]!.id);
      if (f) return { lng: f.lng, lat: f.lat, precision: 'facility', label: f.name };
    }
  }

  if (division && (division.level === 'village' || division.level === 'town')) {
    const d = divisions.find((x) => x.code === division.code)!;
    return { lng: d.lng, lat: d.lat, precision: division.level, label: d.name };
  }
  return null;
}
