/**
 * Linking on the demo-city fixture (3 counties, one grid per village, small square buildings with
 * households `1单元101` …), with facilities placed by hand: each method, its limits, ambiguity, and
 * every channel (intake, Open311 POST, the importer, relinking) going through the same linker.
 * Texts are written as residents write, not in the seed's templates.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import type { DbHandle } from '@/db/client';
import { listLinkCandidates } from '@/db/queries/complaint-links';
import { locateForIntake, locateManyForIntake } from '@/db/queries/intake';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { submitComplaint } from '@/lib/intake/submit-complaint.server';
import { importRequests } from '@/lib/open311/import-requests.server';
import { importMapping } from '@/lib/open311/import-source';
import { readSourceRows } from '@/lib/open311/read-source-stream';
import { submitOpen311Request } from '@/lib/open311/submit-open311-request.server';
import { resetReferenceData } from '@/lib/workflow/get-reference-data.server';
import { buildWorkflowWorld, type WorkflowWorld } from '@/lib/workflow/testing/fixture';
import { transition } from '@/lib/workflow/transition.server';
import { correctComplaintLink } from './correct-complaint-link.server';
import { LINK_RANGES } from './link-complaints.server';
import { relinkComplaints } from './relink-complaints.server';

let handle: DbHandle;
let world: WorkflowWorld;
const now = new Date('2026-03-09T02:00:00Z');
/** Buildings by address, with their footprint's corners. */
const B: Record<
  string,
  { id: number; x0: number; y0: number; x1: number; y1: number; cx: number; cy: number }
> = {};
const F: Record<string, number> = {};
/** Metres to degrees here (26.5° N): latitude and longitude. */
const dLat = (m: number) => m / 111_000;
const dLng = (m: number) => m / 99_300;

async function facility(
  code: string,
  kind: string,
  name: string,
  division: string,
  at: { lng: number; lat: number },
  opts: { buildingId?: number; boundary?: [number, number, number, number] } = {},
): Promise<number> {
  const row = await queryRow<{ id: number }>(
    handle.db,
    sql`insert into facilities (code, kind, name, division_code, location, boundary, building_id, supervising_office_id)
        values (${code}, ${kind}::facility_kind, ${name}, ${division},
          ST_SetSRID(ST_MakePoint(${at.lng}, ${at.lat}), 4326),
          ${opts.boundary ? sql`ST_MakeEnvelope(${opts.boundary[0]}, ${opts.boundary[1]}, ${opts.boundary[2]}, ${opts.boundary[3]}, 4326)` : sql`null`},
          ${opts.buildingId ?? null}, ${world.offices.health})
        returning id`,
  );
  return Number(row!.id);
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  const rows = await queryRows<{
    id: number;
    address: string;
    x0: number;
    y0: number;
    x1: number;
    y1: number;
  }>(
    handle.db,
    sql`select id, address, ST_XMin(footprint) as x0, ST_YMin(footprint) as y0, ST_XMax(footprint) as x1,
          ST_YMax(footprint) as y1 from buildings`,
  );
  for (const r of rows) {
    const [x0, y0, x1, y1] = [Number(r.x0), Number(r.y0), Number(r.x1), Number(r.y1)];
    B[r.address] = { id: Number(r.id), x0, y0, x1, y1, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2 };
  }
  const q7 = B['清香坪社区7号楼']!; // public
  const q8 = B['清香坪社区8号楼']!; // commercial
  F.market = await facility(
    'T-MK',
    'market',
    '清香坪农贸市场',
    '510403001001',
    { lng: q8.cx, lat: q8.cy },
    {
      buildingId: q8.id,
    },
  );
  F.kg = await facility(
    'T-KG',
    'kindergarten',
    '清香坪幼儿园',
    '510403001001',
    { lng: q7.cx, lat: q7.cy },
    {
      buildingId: q7.id,
    },
  );
  // A point facility (no building) in the empty north-east corner of 清香坪社区.
  const q1 = B['清香坪社区1号楼']!;
  F.chc = await facility('T-CHC', 'community_health_centre', '清香坪街道社区卫生服务中心', '510403001001', {
    lng: q1.x0 + 0.0085,
    lat: q1.y0 + 0.0085,
  });
  // Two kindergartens of one name (玉泉社区 and 河门口社区).
  const y7 = B['玉泉社区7号楼']!;
  const h7 = B['河门口社区7号楼']!;
  F.yq1 = await facility(
    'T-YQ1',
    'kindergarten',
    '玉泉幼儿园',
    '510403002001',
    { lng: y7.cx, lat: y7.cy },
    {
      buildingId: y7.id,
    },
  );
  F.yq2 = await facility(
    'T-YQ2',
    'kindergarten',
    '玉泉幼儿园',
    '510403003001',
    { lng: h7.cx, lat: h7.cy },
    {
      buildingId: h7.id,
    },
  );
  // A compound over 攀大社区's buildings 1 and 2.
  const p1 = B['攀大社区1号楼']!;
  const p2 = B['攀大社区2号楼']!;
  F.compound = await facility(
    'T-RC',
    'residential_compound',
    '攀大北苑小区',
    '510402002001',
    { lng: p1.cx, lat: p1.cy },
    {
      buildingId: p1.id,
      boundary: [p1.x0 - 0.0002, p1.y0 - 0.0002, p2.x1 + 0.0002, p2.y1 + 0.0002],
    },
  );
  // A building with a street address as the demo city writes them, in 大宝鼎社区.
  const d1 = B['大宝鼎社区1号楼']!;
  const row = await queryRow<{ id: number }>(
    handle.db,
    sql`insert into buildings (code, grid_id, address, use, floors, footprint, centre)
        select 'B-ADDR', grid_id, '西区大宝鼎街道大宝鼎社区 攀枝花东路 199 号 1 栋', 'residential', 7,
          ST_MakeEnvelope(${d1.x0}, ${d1.y0 + 0.004}, ${d1.x1}, ${d1.y1 + 0.004}, 4326),
          ST_SetSRID(ST_MakePoint(${d1.cx}, ${d1.cy + 0.004}), 4326)
        from buildings where id = ${d1.id} returning id`,
  );
  B.addr = { ...d1, id: Number(row!.id) };
  await handle.db.execute(
    sql`insert into households (building_id, unit, size) values (${B.addr.id}, '3单元501', 2), (${B.addr.id}, '3单元502', 4)`,
  );
  resetReferenceData();
});
afterAll(async () => {
  await handle?.close();
});

interface Links {
  building_id: number | null;
  household_id: number | null;
  facility_id: number | null;
  bm: string | null;
  bc: number | null;
  br: string | null;
  fm: string | null;
  fc: number | null;
  fr: string | null;
  bs: string;
  fs: string;
}

async function linksOf(id: number): Promise<Links> {
  const r = await queryRow<Record<string, unknown>>(
    handle.db,
    sql`select building_id, household_id, facility_id, building_link_method::text as bm, building_link_confidence as bc,
          building_link_reason as br, facility_link_method::text as fm, facility_link_confidence as fc,
          facility_link_reason as fr, building_link_state::text as bs, facility_link_state::text as fs
        from complaints where id = ${id}`,
  );
  const n = (v: unknown) => (v === null ? null : Number(v));
  return {
    building_id: n(r!.building_id),
    household_id: n(r!.household_id),
    facility_id: n(r!.facility_id),
    bm: r!.bm as string | null,
    bc: n(r!.bc),
    br: r!.br as string | null,
    fm: r!.fm as string | null,
    fc: n(r!.fc),
    fr: r!.fr as string | null,
    bs: r!.bs as string,
    fs: r!.fs as string,
  };
}

async function file(
  description: string,
  at: { lng: number; lat: number },
  extra: Record<string, unknown> = {},
) {
  const r = await submitComplaint(
    handle.db,
    { description, location: { ...at, datum: 'wgs84' }, contact: { phone: '13912345678' }, ...extra },
    { now },
  );
  return linksOf(r.id).then((l) => ({ id: r.id, ...l }));
}

async function householdId(buildingId: number, unit: string): Promise<number> {
  const r = await queryRow<{ id: number }>(
    handle.db,
    sql`select id from households where building_id = ${buildingId} and unit = ${unit}`,
  );
  return Number(r!.id);
}

describe('building', () => {
  it('links the footprint covering the point, and the household only when the text names its unit', async () => {
    const b = B['东方红社区2号楼']!;
    const plain = await file('楼道里的声控灯坏了一个多月，晚上上下楼黑漆漆的，老人摔过一跤。', {
      lng: b.cx,
      lat: b.cy,
    });
    expect(plain).toMatchObject({ building_id: b.id, household_id: null, bm: 'footprint', bc: 0.95 });
    expect(plain.br).toContain('东方红社区2号楼');
    const unit = await file('我家住1单元301，楼上卫生间漏水把我家天花板泡坏了，找物业也不管。', {
      lng: b.cx,
      lat: b.cy,
    });
    expect(unit).toMatchObject({ building_id: b.id, household_id: await householdId(b.id, '1单元301') });
    const noSuchUnit = await file('9单元901门口堆满了杂物，消防通道都堵了。', { lng: b.cx, lat: b.cy });
    expect(noSuchUnit).toMatchObject({ building_id: b.id, household_id: null });
  });

  it('links the nearest footprint of the grid within 30 m, with less confidence; none beyond', async () => {
    const b = B['东方红社区2号楼']!;
    const near = await file('楼下小广场的路灯不亮了好几天。', { lng: b.x1 + dLng(15), lat: b.cy });
    expect(near).toMatchObject({ building_id: b.id, bm: 'nearest' });
    expect(near.bc).toBeGreaterThan(0.6);
    expect(near.bc).toBeLessThan(0.85);
    expect(near.br).toMatch(/1[45] 米/);
    const far = await file('路边的垃圾桶满了好几天没人收。', { lng: b.x1 + dLng(60), lat: b.cy });
    expect(far).toMatchObject({ building_id: null, bm: null, household_id: null });
  });

  it('matches an address written in the text when no building is near the point, with the unit', async () => {
    // Filed from the north-east corner of another village, about 1 km from the building.
    const q1 = B['清香坪社区1号楼']!;
    const r = await file('攀枝花东路199号1栋3单元501，楼顶水箱漏水，楼道墙面全是霉。', {
      lng: q1.x0 + 0.0085,
      lat: q1.y0 + 0.0065,
    });
    expect(r).toMatchObject({
      building_id: B.addr!.id,
      bm: 'address',
      bc: 0.8,
      household_id: await householdId(B.addr!.id, '3单元501'),
    });
    expect(r.br).toContain('攀枝花东路199号1栋');
  });
});

describe('facility', () => {
  const q1 = () => B['清香坪社区1号楼']!;

  it('links a full name mentioned in the text, checked against the distance', async () => {
    // From home in 玉泉社区, about 2 km away.
    const home = B['玉泉社区2号楼']!;
    const r = await file(
      '清香坪街道社区卫生服务中心开的降压药比外面药店贵了快一倍，老人每个月光买药就要几百块。',
      {
        lng: home.cx,
        lat: home.cy,
      },
    );
    expect(r.facility_id).toBe(F.chc);
    expect(r.fm).toBe('name_mention');
    expect(r.fc).toBeGreaterThanOrEqual(0.8);
    expect(r.fr).toMatch(/文中提到“清香坪街道社区卫生服务中心”，距定位 [\d.]+ (公里|米)/);
  });

  it('links a short form (清香坪菜市场 for 清香坪农贸市场)', async () => {
    const r = await file('昨天在清香坪菜市场买了两斤排骨，回家一称只有一斤六两，摊主的秤有问题。', {
      lng: q1().cx,
      lat: q1().cy,
    });
    expect(r).toMatchObject({ facility_id: F.market, fm: 'short_name' });
    expect(r.fc).toBeGreaterThanOrEqual(0.8);
    expect(r.fr).toContain('“清香坪农贸市场”的简称');
  });

  it('does not take a name that is part of a street name', async () => {
    const r = await file('清香坪市场街那边的路灯坏了。', { lng: q1().x0 + 0.009, lat: q1().y0 + 0.0095 });
    expect(r.facility_id).not.toBe(F.market);
  });

  it('links the facility whose building covers the point, and one beside a point facility', async () => {
    const kg = B['清香坪社区7号楼']!;
    const inside = await file('接孩子的时候发现滑梯的螺丝松了，孩子玩的时候晃得厉害。', {
      lng: kg.cx,
      lat: kg.cy,
    });
    expect(inside).toMatchObject({ facility_id: F.kg, fm: 'facility_area', building_id: kg.id });
    const beside = await file('门诊大厅的空调坏了，候诊的老人热得受不了。', {
      lng: q1().x0 + 0.0085 + dLng(20),
      lat: q1().y0 + 0.0085,
    });
    expect(beside).toMatchObject({ facility_id: F.chc, fm: 'facility_point' });
    expect(beside.fr).toMatch(/距“清香坪街道社区卫生服务中心” 2\d 米/);
  });

  it('links the point inside a compound boundary', async () => {
    const p2 = B['攀大社区2号楼']!;
    const r = await file('物业把小区绿地改成了停车位，每个月还要收三百的停车费。', {
      lng: p2.cx,
      lat: p2.cy,
    });
    expect(r).toMatchObject({ facility_id: F.compound, fm: 'facility_area' });
  });

  it('links a kind word without a name to the nearest facility of that kind within range', async () => {
    // 250 m south of the kindergarten, outside every footprint.
    const kg = B['清香坪社区7号楼']!;
    const r = await file('幼儿园每学期额外收八百元的兴趣班费用，不交就不让孩子参加活动。', {
      lng: kg.cx,
      lat: kg.y0 - dLat(250),
    });
    expect(r).toMatchObject({ facility_id: F.kg, fm: 'kind_nearest' });
    expect(r.fc).toBeGreaterThan(0.6);
    expect(r.fr).toContain('幼儿园');
    // The same text 3 km from any kindergarten links none.
    const far = B['大渡口街社区1号楼']!;
    const none = await file('幼儿园每学期额外收八百元的兴趣班费用，不交就不让孩子参加活动。', {
      lng: far.cx,
      lat: far.cy,
    });
    expect(none.facility_id).toBeNull();
  });

  it('lowers the confidence when two facilities share the name, taking the nearer', async () => {
    const y2 = B['玉泉社区2号楼']!;
    const r = await file('玉泉幼儿园让每个家长交三百元的资料费，也不给收据。', { lng: y2.cx, lat: y2.cy });
    expect(r.facility_id).toBe(F.yq1);
    expect(r.fm).toBe('name_mention');
    expect(r.fc).toBeLessThan(0.9);
    expect(r.fr).toContain('同名设施 2 处');
    const single = await file('清香坪幼儿园让每个家长交三百元的资料费，也不给收据。', {
      lng: y2.cx,
      lat: y2.cy,
    });
    expect(single.fc).toBeGreaterThan(r.fc!);
  });
});

describe('every channel links through the same linker', () => {
  it('Open311 POST', async () => {
    const b = B['新华社区3号楼']!;
    const r = await submitOpen311Request(
      handle.db,
      new URLSearchParams({
        service_code: 'HB01',
        lat: String(b.cy),
        long: String(b.cx),
        description: '楼下烧烤店每天营业到凌晨两点，油烟和噪音让人没法睡觉。',
      }),
      { now },
    );
    expect(await linksOf(r.id)).toMatchObject({ building_id: b.id, bm: 'footprint' });
  });

  it('the importer (open and closed requests)', async () => {
    const kg = B['清香坪社区7号楼']!;
    const rows = readSourceRows(
      JSON.stringify([
        {
          service_request_id: 'L-1',
          service_code: 'fees',
          description: '清香坪幼儿园的伙食费每月涨了一百，没有任何通知。',
          lat: kg.cy,
          long: kg.cx,
          requested_datetime: '2026-02-10T09:00:00+08:00',
          status: 'open',
        },
        {
          service_request_id: 'L-2',
          service_code: 'fees',
          description: '清香坪菜市场门口的摊位乱收管理费。',
          lat: kg.cy,
          long: kg.cx,
          requested_datetime: '2026-02-11T09:00:00+08:00',
          updated_datetime: '2026-02-12T09:00:00+08:00',
          status: 'closed',
        },
      ]),
      'json',
    );
    const report = await importRequests(
      handle.db,
      rows,
      importMapping.parse({ source: 'linktest', services: { fees: 'JY02' } }),
      { now, link: true },
    );
    expect(report.loaded).toBe(2);
    const ids = await queryRows<{ id: number; key: string }>(
      handle.db,
      sql`select id, idempotency_key as key from complaints where idempotency_key like 'import:linktest:%' order by 2`,
    );
    const open = await linksOf(Number(ids[0]!.id));
    expect(open).toMatchObject({ building_id: kg.id, facility_id: F.kg });
    const closed = await linksOf(Number(ids[1]!.id));
    expect(closed).toMatchObject({ building_id: kg.id, facility_id: F.market, fm: 'short_name' });
  });

  it('a grid worker filing on behalf of a resident', async () => {
    const b = B['清香坪社区2号楼']!;
    const r = await submitComplaint(
      handle.db,
      {
        channel: 'hotline',
        description: '居民来电：1单元201家里的燃气表一直漏气，闻着有味道。',
        location: { lng: b.cx, lat: b.cy, datum: 'wgs84' },
        buildingId: b.id,
      },
      { now, onBehalfUserId: world.users.grid.id },
    );
    expect(await linksOf(r.id)).toMatchObject({
      building_id: b.id,
      bm: 'reporter',
      household_id: await householdId(b.id, '1单元201'),
    });
  });
});

describe('staff corrections and re-runs', () => {
  it('keeps a correction and a confirmation through relinking, and relinking is idempotent', async () => {
    const kg = B['清香坪社区7号楼']!;
    const r = await file('孩子在园里摔伤了，老师没有及时通知家长。', { lng: kg.cx, lat: kg.cy });
    expect(r.facility_id).toBe(F.kg);
    await correctComplaintLink(handle.db, {
      complaintId: r.id,
      user: world.users.otherInspector,
      target: 'facility',
      action: 'correct',
      facilityId: F.market,
      note: '实际是市场内的托管点',
      now,
    });
    await correctComplaintLink(handle.db, {
      complaintId: r.id,
      user: world.users.otherInspector,
      target: 'building',
      action: 'confirm',
      now,
    });
    const before = await linksOf(r.id);
    expect(before).toMatchObject({ facility_id: F.market, fm: 'staff', fs: 'corrected', bs: 'confirmed' });
    // Clear the automatic links of everything and run the linker again over all complaints.
    await handle.db.execute(
      sql`update complaints set facility_id = null, facility_link_method = null where facility_link_state = 'auto'`,
    );
    let afterId = 0;
    let updated = 0;
    for (;;) {
      const batch = await relinkComplaints(handle.db, { afterId, limit: 7 });
      if (batch.lastId === null) break;
      afterId = batch.lastId;
      updated += batch.updated;
    }
    expect(updated).toBeGreaterThan(0);
    expect(await linksOf(r.id)).toEqual(before);
    const again = await relinkComplaints(handle.db, { afterId: 0, limit: 10_000 });
    expect(again.updated).toBe(0);
    const events = await queryRows<{ type: string; data: Record<string, unknown> }>(
      handle.db,
      sql`select type, data from complaint_events where complaint_id = ${r.id} and type = 'link_changed' order by id`,
    );
    expect(events).toHaveLength(2);
    const audits = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from audit_log where target_id = ${String(r.id)} and action = 'complaint.link'`,
    );
    expect(audits!.n).toBe(2);
  });

  it('relinks the facility on recategorisation only when the category changes which kind is plausible', async () => {
    // Inside a compound, about a road: the compound is implausible for a road complaint (low confidence).
    const p1 = B['攀大社区1号楼']!;
    const r = await file(
      '小区门口这段路的井盖丢了，晚上车开过去很危险。',
      { lng: p1.cx, lat: p1.cy },
      { categoryCode: 'JT01' },
    );
    expect(r.facility_id).toBe(F.compound);
    expect(r.fc).toBeLessThan(0.6);
    await handle.db.transaction((tx) =>
      transition(tx, {
        complaintId: r.id,
        verb: 'recategorize',
        actor: { kind: 'user', user: world.users.otherInspector },
        input: { categoryCode: 'WY01', reason: '属小区内部道路' },
        now,
      }),
    );
    const after = await linksOf(r.id);
    expect(after.facility_id).toBe(F.compound);
    expect(after.fc).toBeGreaterThanOrEqual(0.85);
  });
});

describe("intake's candidates (in its locating statement)", () => {
  it('are the rows the many-point candidates statement gives for the same points', async () => {
    const b = B['东方红社区2号楼']!;
    const q1 = B['清香坪社区1号楼']!;
    const p1 = B['攀大社区1号楼']!;
    const cases = [
      // Inside a footprint, with and without a unit the building has.
      { lng: b.cx, lat: b.cy, unit: '1单元301', reporterBuildingId: null },
      { lng: b.cx, lat: b.cy, unit: null, reporterBuildingId: null },
      // 15 m beside a footprint (the nearest of the grid), and far from any.
      { lng: b.x1 + dLng(15), lat: b.cy, unit: null, reporterBuildingId: null },
      { lng: q1.x0 + 0.0085, lat: q1.y0 + 0.0085 + dLat(20), unit: null, reporterBuildingId: null },
      // Inside a facility's building and inside a compound boundary; a building the reporter picked.
      { lng: B['清香坪社区8号楼']!.cx, lat: B['清香坪社区8号楼']!.cy, unit: null, reporterBuildingId: null },
      { lng: p1.x0 - 0.0001, lat: p1.cy, unit: '1单元101', reporterBuildingId: p1.id },
    ];
    const many = await listLinkCandidates(handle.db, cases, LINK_RANGES);
    for (const [i, c] of cases.entries()) {
      const located = await locateForIntake(handle.db, {
        lng: c.lng,
        lat: c.lat,
        nearMeters: 200,
        link: { unit: c.unit, reporterBuildingId: c.reporterBuildingId, ranges: LINK_RANGES },
      });
      expect(located.link).toEqual(many[i]);
      // The locating half is the same with or without the candidates.
      const { link: _none, ...alone } = await locateForIntake(handle.db, {
        lng: c.lng,
        lat: c.lat,
        nearMeters: 200,
      });
      const { link: _link, ...withLink } = located;
      expect(withLink).toEqual(alone);
    }
    // Located together (intake's concurrent submissions), each point gets its one-point answer;
    // with an idempotency key taken, and a point outside the city.
    await file('路灯不亮了。', { lng: b.cx, lat: b.cy }, { idempotencyKey: 'taken-key' });
    const taken = { key: 'taken-key' };
    // 20 m inside a village whose eastern edge another village shares: routing compares both.
    const box = await queryRow<{ xmax: number; ymin: number; ymax: number; y: number; town: string }>(
      handle.db,
      sql`select ST_XMax(boundary) as xmax, ST_YMin(boundary) as ymin, ST_YMax(boundary) as ymax,
            ST_Y(ST_Centroid(boundary)) as y, parent_code as town from divisions where code = '510403001001'`,
    );
    const east = Number(box!.xmax);
    await handle.db.execute(sql`insert into divisions (code, parent_code, name, level, boundary, boundary_source)
      values ('510403001098', ${box!.town}, '测试邻社区', 'village',
        ST_Multi(ST_MakeEnvelope(${east}, ${box!.ymin}, ${east + 0.01}, ${box!.ymax}, 4326)), 'test')`);
    const corner = { lng: east - dLng(20), lat: Number(box!.y) };
    const all = [
      ...cases.map((c, i) => ({ ...c, idempotencyKey: i === 2 ? taken.key : `free-${i}` })),
      {
        lng: Number(corner!.lng),
        lat: Number(corner!.lat),
        unit: null,
        reporterBuildingId: null,
        idempotencyKey: null,
      },
      { lng: 116.4, lat: 39.9, unit: null, reporterBuildingId: null, idempotencyKey: null },
    ];
    const together = await locateManyForIntake(handle.db, all, { nearMeters: 200, ranges: LINK_RANGES });
    expect(together).toHaveLength(all.length);
    for (const [i, c] of all.entries())
      expect(together[i]).toEqual(
        await locateForIntake(handle.db, {
          lng: c.lng,
          lat: c.lat,
          nearMeters: 200,
          idempotencyKey: c.idempotencyKey,
          link: { unit: c.unit, reporterBuildingId: c.reporterBuildingId, ranges: LINK_RANGES },
        }),
      );
    expect(together.map((l) => l.keyTaken)).toEqual([false, false, true, false, false, false, false, false]);
    expect(together.at(-1)!.place).toBeNull();
    expect(together.at(-2)!.villages.length).toBeGreaterThan(1);
    // Every part of the candidates is exercised by these points.
    expect(many.some((r) => r.covering?.householdId)).toBe(true);
    expect(many.some((r) => r.nearest)).toBe(true);
    expect(many.some((r) => r.reporter?.householdId)).toBe(true);
    expect(new Set(many.flatMap((r) => r.facilities.map((f) => f.via)))).toEqual(
      new Set(['area', 'point', 'kind']),
    );
  });
});

describe('intake located together', () => {
  it('links complaints filed at once as it links them filed one by one', async () => {
    const b = B['东方红社区2号楼']!;
    const kg = B['清香坪社区7号楼']!;
    const q1 = B['清香坪社区1号楼']!;
    const p2 = B['攀大社区2号楼']!;
    const filings: [string, { lng: number; lat: number }][] = [
      ['我家住1单元301，楼上卫生间漏水把我家天花板泡坏了。', { lng: b.cx, lat: b.cy }],
      ['楼下小广场的路灯不亮了好几天。', { lng: b.x1 + dLng(15), lat: b.cy }],
      ['幼儿园每学期额外收八百元的兴趣班费用。', { lng: kg.cx, lat: kg.cy - dLat(250) }],
      ['清香坪菜市场的秤不准，买一斤少二两。', { lng: q1.x0 + 0.0085, lat: q1.y0 + 0.0085 }],
      ['攀枝花东路199号1栋3单元501，楼顶水箱漏水。', { lng: q1.x0 + 0.0085, lat: q1.y0 + 0.0085 }],
      ['物业把小区绿地改成了停车位。', { lng: p2.cx, lat: p2.cy }],
    ];
    const strip = ({ id: _id, ...links }: Awaited<ReturnType<typeof file>>) => links;
    const oneByOne = [];
    for (const [text, at] of filings) oneByOne.push(strip(await file(text, at)));
    const atOnce = await Promise.all(filings.map(([text, at]) => file(text, at)));
    expect(atOnce.map(strip)).toEqual(oneByOne);
    expect(oneByOne.filter((l) => l.building_id !== null).length).toBeGreaterThanOrEqual(4);
    expect(oneByOne.filter((l) => l.facility_id !== null).length).toBeGreaterThanOrEqual(3);
  });
});
