import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  type GridCountRow,
  listGridCounts,
  listVillageCounts,
  type VillageCountRow,
} from '@/db/queries/per-capita';
import { listAreaChildren } from '@/db/queries/stats';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import type { PerCapitaArea, PerCapitaResponse, SilentArea } from './per-capita-types';
import { resolveStatsArea } from './resolve-stats-area.server';
import { findSilentAreas, per10k } from './silent-areas';

const TEST = { q: 0.05, maxRatio: 0.5, minResidents: 50 };
const typeOf = (ur: string | null): 'urban' | 'rural' => (ur?.startsWith('1') ? 'urban' : 'rural');

/**
 * 每万人诉求量 for an area and its children, from the person registry, and the silent villages and
 * grids inside it: counts far below comparable areas (same county, same urban/rural type), by the
 * Poisson test of `findSilentAreas` with BH q-values. Inspectors and leaders (`stats.read`), within
 * their division; ordinary complaints only.
 */
export async function getPerCapita(
  db: DbOrTx,
  user: AuthUser,
  params: { areaCode?: string | null; from: string; to: string },
): Promise<PerCapitaResponse> {
  const area = await resolveStatsArea(db, user, params.areaCode);
  const q = { complaintScope: complaintScope(user), areaCode: area.code, from: params.from, to: params.to };
  const [villages, grids, children] = await Promise.all([
    listVillageCounts(db, q),
    listGridCounts(db, q),
    listAreaChildren(db, area.code),
  ]);
  const v = (r: VillageCountRow) => ({ residents: Number(r.residents), complaints: Number(r.complaints) });
  const g = (r: GridCountRow) => ({ residents: Number(r.residents), complaints: Number(r.complaints) });
  const sum = (rows: { residents: number; complaints: number }[]) =>
    rows.reduce(
      (s, r) => ({ residents: s.residents + r.residents, complaints: s.complaints + r.complaints }),
      {
        residents: 0,
        complaints: 0,
      },
    );
  const row = (
    code: string,
    name: string,
    level: PerCapitaArea['level'],
    c: { residents: number; complaints: number },
  ) => ({
    code,
    name,
    level,
    ...c,
    per10k: per10k(c.complaints, c.residents),
  });

  const villageOf = new Map(villages.map((r) => [r.code, r]));
  let childRows: PerCapitaArea[];
  if (area.level === 'village') {
    childRows = grids.map((r) => row(String(r.id), r.name, 'grid', g(r)));
  } else {
    const key: (r: VillageCountRow) => string =
      area.level === 'city'
        ? (r) => r.county_code
        : area.level === 'county'
          ? (r) => r.town_code
          : (r) => r.code;
    const level = area.level === 'city' ? 'county' : area.level === 'county' ? 'town' : 'village';
    childRows = children.map((c) =>
      row(c.code, c.name, level, sum(villages.filter((r) => key(r) === c.code).map(v))),
    );
  }
  childRows.sort((a, b) => (b.per10k ?? -1) - (a.per10k ?? -1) || a.code.localeCompare(b.code));

  const groupOf = (r: VillageCountRow) => ({ county: r.county_name, type: typeOf(r.ur_code) });
  const groupKey = (r: VillageCountRow) => `${r.county_code}|${typeOf(r.ur_code)}`;
  const rateOf = (rows: { group: string; residents: number; complaints: number }[]) => {
    const m = new Map<string, { residents: number; complaints: number }>();
    for (const r of rows) {
      const t = m.get(r.group) ?? { residents: 0, complaints: 0 };
      t.residents += r.residents;
      t.complaints += r.complaints;
      m.set(r.group, t);
    }
    return (k: string) => per10k(m.get(k)?.complaints ?? 0, m.get(k)?.residents ?? 0) ?? 0;
  };

  const vAreas = villages.map((r) => ({ code: r.code, group: groupKey(r), ...v(r) }));
  const vRate = rateOf(vAreas);
  const silentVillages: SilentArea[] = findSilentAreas(vAreas, TEST)
    .filter((r) => r.silent)
    .map((r) => {
      const src = villageOf.get(r.code)!;
      return {
        ...row(r.code, src.name, 'village', r),
        parent: src.town_name,
        group: groupOf(src),
        expected: r.expected!,
        groupPer10k: vRate(r.group),
        p: r.p!,
        q: r.q!,
      };
    })
    .sort((a, b) => a.q - b.q || a.code.localeCompare(b.code));

  const gAreas = grids
    .filter((r) => villageOf.has(r.village_code))
    .map((r) => ({ code: String(r.id), group: groupKey(villageOf.get(r.village_code)!), ...g(r) }));
  const gRate = rateOf(gAreas);
  const gridById = new Map(grids.map((r) => [String(r.id), r]));
  const silentGrids: SilentArea[] = findSilentAreas(gAreas, TEST)
    .filter((r) => r.silent)
    .map((r) => {
      const src = gridById.get(r.code)!;
      const village = villageOf.get(src.village_code)!;
      return {
        ...row(r.code, src.name, 'grid', r),
        parent: `${village.town_name}${village.name}`,
        group: groupOf(village),
        expected: r.expected!,
        groupPer10k: gRate(r.group),
        p: r.p!,
        q: r.q!,
      };
    })
    .sort((a, b) => a.q - b.q || a.code.localeCompare(b.code));

  return {
    area: { code: area.code, name: area.name, level: area.level },
    period: { from: params.from, to: params.to },
    total: row(area.code, area.name, area.level, sum(villages.map(v))),
    children: childRows,
    villages: villages.map((r) => row(r.code, r.name, 'village', v(r))),
    silentVillages,
    silentGrids,
    test: TEST,
  };
}
