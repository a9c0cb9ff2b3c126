/**
 * Facility findings from what residents send: on the demo city, complaints filed through the intake
 * verb (a text naming the kindergarten, a pin beside it) are linked to facilities by the linker and
 * counted by the facility test. A uniform control (the same volume over all kindergartens) and
 * complaints at random points add no finding; 30 fee complaints at 5 kindergartens of one education
 * bureau add exactly one, naming those 5.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRows } from '@/db/sql';
import { createSeededTestDb } from '@/db/testing/test-db';
import type { AuthUser } from '@/lib/auth/types';
import { submitComplaint } from '@/lib/intake/submit-complaint.server';
import { TRIAGE_FALLBACK_CATEGORY } from '@/lib/workflow/process-new-complaint.server';
import { detectFindings } from './detect-findings.server';
import type { FacilityTestEvidence } from './facility-findings';

let handle: DbHandle;
const now = new Date('2026-11-20T10:00:00+08:00');
const DAY = 86_400_000;
const cityInspector: AuthUser = {
  id: 1,
  username: 'i',
  displayName: 'i',
  role: 'inspector',
  jurisdiction: { kind: 'division', divisionCode: '510400000000', divisionLevel: 'city' },
  jurisdictionName: null,
};

interface Kindergarten extends Record<string, unknown> {
  id: number;
  name: string;
  officeId: number;
  lng: number;
  lat: number;
}

/** A small deterministic generator, so the test files the same complaints every run. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const FEE_TEXTS = [
  (n: string) => `${n}这学期又要交什么“特色课程费”，每个月多收三百元，不交孩子就不能参加活动，希望查一查。`,
  (n: string) => `孩子在${n}上学，园里除了保教费还收资料费、被褥费，没有任何收据，家长们都很有意见。`,
  (n: string) => `反映${n}乱收费问题：要求家长统一购买园服和绘本，价格比外面贵一倍，不买就点名。`,
  (n: string) => `${n}寒假托管班收费太高，还说是自愿，其实老师一个个打电话催缴，请教育部门管一管。`,
];

async function file(at: Kindergarten, text: string, i: number, random: () => number) {
  // A pin within ≈ 30 m of the kindergarten, as a phone's location would land.
  const dLng = (random() - 0.5) * 0.0006;
  const dLat = (random() - 0.5) * 0.0006;
  return submitComplaint(
    handle.db,
    {
      description: text,
      categoryCode: 'JY02',
      channel: 'wechat',
      location: { lng: at.lng + dLng, lat: at.lat + dLat, datum: 'wgs84' },
      contact: { phone: `139${String(10_000_000 + i).slice(-8)}` },
    },
    { now: new Date(now.getTime() - (1 + (i % 150)) * DAY) },
  );
}

async function facilityFindingKeys(): Promise<Map<string, FacilityTestEvidence & { ids: number[] }>> {
  const { findings } = await detectFindings(handle.db, cityInspector, {
    window: { from: new Date(now.getTime() - 365 * DAY), to: new Date(now.getTime() + DAY) },
  });
  return new Map(
    findings
      .filter((f) => f.kind === 'facility_pattern')
      .map((f) => [f.key, { ...(f.evidence as unknown as FacilityTestEvidence), ids: f.facilityIds }]),
  );
}

let kindergartens: Kindergarten[] = [];

beforeAll(async () => {
  // The same city as the other files seeding 4 000 complaints: seeded once per test run.
  handle = await createSeededTestDb({ scale: 0.01, complaints: 4000, now });
  kindergartens = await queryRows<Kindergarten>(
    handle.db,
    sql`select f.id, f.name, f.supervising_office_id as "officeId", ST_X(f.location)::float8 as lng, ST_Y(f.location)::float8 as lat
        from facilities f where f.kind = 'kindergarten' order by f.id`,
  );
}, 300_000);
afterAll(async () => {
  await handle?.close();
});

describe('facility findings from complaints filed through intake', () => {
  it('a uniform control and random points add nothing; 30 complaints at 5 kindergartens of one bureau add one finding', async () => {
    const random = rng(20261120);
    const before = await facilityFindingKeys();

    // Control: 30 fee complaints, one at each of 30 kindergartens spread over every bureau.
    const step = kindergartens.length / 30;
    for (let i = 0; i < 30; i++) {
      const k = kindergartens[Math.floor(i * step)]!;
      await file(k, FEE_TEXTS[i % FEE_TEXTS.length]!(k.name), i, random);
    }
    // And 20 complaints at random points of the city, naming no facility.
    const points = await queryRows<{ lng: number; lat: number }>(
      handle.db,
      sql`select ST_X(p)::float8 as lng, ST_Y(p)::float8 as lat from (
            select (ST_Dump(ST_GeneratePoints(boundary, 1, 7))).geom as p from divisions
            where level = 'village' order by md5(code) limit 20) x`,
    );
    for (const [i, p] of points.entries()) {
      await submitComplaint(
        handle.db,
        {
          description: '路口的路灯坏了一个多月，晚上出行很不安全，请尽快修复。',
          location: { ...p, datum: 'wgs84' },
          contact: { phone: `138${String(20_000_000 + i).slice(-8)}` },
        },
        { now: new Date(now.getTime() - (3 + i) * DAY) },
      );
    }
    const control = await facilityFindingKeys();
    expect([...control.keys()].sort()).toEqual([...before.keys()].sort());

    // The pattern: the bureau with the most kindergartens, 6 complaints at each of 5 of them.
    const byOffice = new Map<number, Kindergarten[]>();
    for (const k of kindergartens) byOffice.set(k.officeId, [...(byOffice.get(k.officeId) ?? []), k]);
    const [officeId, own] = [...byOffice.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const five = own.slice(0, 5);
    for (let i = 0; i < 30; i++) {
      const k = five[i % 5]!;
      await file(k, FEE_TEXTS[(i * 3) % FEE_TEXTS.length]!(k.name), 100 + i, random);
    }
    const after = await facilityFindingKeys();
    const added = [...after.keys()].filter((k) => !before.has(k));
    expect(added).toEqual([`facility_pattern:${officeId}:kindergarten`]);
    const finding = after.get(added[0]!)!;
    expect(finding.ids).toEqual(expect.arrayContaining(five.map((k) => k.id)));
    const fees = finding.groups.find((g) => g.codes.includes('JY02'))!;
    expect(fees.observed).toBeGreaterThanOrEqual(30);
    expect(fees.q).toBeLessThan(0.05);
    expect(finding.samples.length).toBeGreaterThan(0);
    // Nothing that was there before went away or changed office.
    for (const k of before.keys()) expect(after.has(k)).toBe(true);
  });

  it('complaints waiting in the manual queue (no category told yet) add no 其他 finding', async () => {
    const random = rng(20261206);
    const before = await facilityFindingKeys();
    // The second bureau by kindergartens: 30 texts no rule and no model can place, at 5 of them.
    const byOffice = new Map<number, Kindergarten[]>();
    for (const k of kindergartens) byOffice.set(k.officeId, [...(byOffice.get(k.officeId) ?? []), k]);
    const [, own] = [...byOffice.entries()].sort((a, b) => b[1].length - a[1].length)[1]!;
    const five = own.slice(0, 5);
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const k = five[i % 5]!;
      const dLng = (random() - 0.5) * 0.0006;
      const dLat = (random() - 0.5) * 0.0006;
      const r = await submitComplaint(
        handle.db,
        {
          description: `${k.name}那边的事情上次已经说过了，到现在还是老样子，麻烦领导再过问一下。`,
          channel: 'wechat',
          location: { lng: k.lng + dLng, lat: k.lat + dLat, datum: 'wgs84' },
          contact: { phone: `137${String(30_000_000 + i).slice(-8)}` },
        },
        { now: new Date(now.getTime() - (2 + i) * DAY) },
      );
      ids.push(r.id);
    }
    const rows = await queryRows<{ status: string; categoryCode: string; linked: number }>(
      handle.db,
      sql`select status::text as status, category_code as "categoryCode", count(facility_id)::int as linked
          from complaints where id = any(${sql.param(ids)}::int[]) group by 1, 2`,
    );
    // The scenario is real: all 30 wait in the manual queue under the fallback, linked to the kindergartens.
    expect(rows).toEqual([{ status: 'triaged', categoryCode: TRIAGE_FALLBACK_CATEGORY, linked: 30 }]);
    const after = await facilityFindingKeys();
    expect([...after.keys()].filter((k) => !before.has(k))).toEqual([]);
  });
});
