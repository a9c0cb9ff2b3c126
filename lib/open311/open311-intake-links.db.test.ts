/**
 * Complaints filed through the Open311 POST (the route handler, as another site's client calls it)
 * land linked like any other: the building, household and facility, how precise the point is, the
 * category, office and deadlines. A point read from an address names how far it goes
 * (`location_precision`): a village's or town's centre is approximate and never links a building,
 * even one standing on that centre, also when the complaint is relinked later.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/open311/v2/[...path]/route';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { wgs84ToGcj02 } from '@/lib/geo/convert-datum';
import { trustPeerHeader } from '@/lib/http/client-address';
import { relinkComplaints } from '@/lib/linking/relink-complaints.server';
import { buildWorkflowWorld, XIQU_VILLAGE } from '@/lib/workflow/testing/fixture';

trustPeerHeader();
vi.hoisted(() => {
  process.env.SUQIU_RATE_SUBMIT_PER_ADDRESS = '100000';
  process.env.SUQIU_RATE_SUBMIT_PER_PHONE = '100000';
});
vi.mock('next/server', async (original) => ({
  ...(await original<typeof import('next/server')>()),
  connection: async () => {},
}));

let handle: DbHandle;
const BASE = 'http://localhost/open311/v2';
const ctx = { params: Promise.resolve({ path: ['requests.json'] }) };

/** 江南西路 253 号 1 栋 (in 江南西苑小区), two buildings of 团结东路 87 号, and the 社区 office on the village centre. */
const JIANGNAN = { lng: 101.5833, lat: 26.5073 };
const ids = { jiangnan: 0, tuanjie1: 0, tuanjie2: 0, committee: 0, school: 0, compound: 0, market: 0 };

function post(body: Record<string, unknown>, json = false) {
  return POST(
    new Request(`${BASE}/requests.json`, {
      method: 'POST',
      headers: {
        'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
        'x-suqiu-peer': '10.9.0.1',
      },
      body: json
        ? JSON.stringify(body)
        : new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString(),
    }),
    ctx,
  );
}

type Landed = {
  id: number;
  lng: number;
  lat: number;
  location_precision: string;
  category_code: string | null;
  status: string;
  responsible_office_id: number | null;
  building_id: number | null;
  household_unit: string | null;
  building_link_method: string | null;
  building_link_confidence: number | null;
  facility_id: number | null;
  facility_link_method: string | null;
  facility_link_confidence: number | null;
  dispatch_due_at: string | Date | null;
  first_reply_due_at: string | Date | null;
};

async function file(body: Record<string, unknown>, json = false): Promise<Landed & { notice: string }> {
  const res = await post(body, json);
  const out = (await res.json()) as { service_request_id: string; service_notice: string }[];
  expect(res.status, JSON.stringify(out)).toBe(201);
  const row = await queryRow<Landed>(
    handle.db,
    sql`select c.id, ST_X(c.location) as lng, ST_Y(c.location) as lat, c.location_precision::text as location_precision,
          c.category_code, c.status::text as status, c.responsible_office_id, c.building_id, h.unit as household_unit,
          c.building_link_method::text as building_link_method, c.building_link_confidence,
          c.facility_id, c.facility_link_method::text as facility_link_method, c.facility_link_confidence,
          c.dispatch_due_at, c.first_reply_due_at
        from complaints c left join households h on h.id = c.household_id
        where c.id = ${Number(out[0]!.service_request_id)}`,
  );
  return { ...row!, notice: out[0]!.service_notice };
}

async function insertBuilding(address: string, x: number, y: number, units: string[] = []) {
  const grid = await queryRow<{ id: number }>(
    handle.db,
    sql`select id from grids where village_code = ${XIQU_VILLAGE}`,
  );
  const b = await queryRow<{ id: number }>(
    handle.db,
    sql`insert into buildings (code, grid_id, address, use, floors, footprint, centre)
        values (${`QA-${address}`}, ${grid!.id}, ${address}, 'residential', 7,
          ST_MakeEnvelope(${x}, ${y}, ${x + 0.0006}, ${y + 0.0006}, 4326),
          ST_SetSRID(ST_MakePoint(${x + 0.0003}, ${y + 0.0003}), 4326)) returning id`,
  );
  for (const unit of units) {
    await handle.db.execute(
      sql`insert into households (building_id, unit, size) values (${b!.id}, ${unit}, 3)`,
    );
  }
  return b!.id;
}

async function insertFacility(
  kind: string,
  name: string,
  at: { lng: number; lat: number },
  office: number,
  extra: { buildingId?: number; boundary?: [number, number, number, number] } = {},
) {
  const f = await queryRow<{ id: number }>(
    handle.db,
    sql`insert into facilities (code, kind, name, division_code, location, boundary, building_id, supervising_office_id)
        values (${`QA-${name}`}, ${kind}::facility_kind, ${name}, ${XIQU_VILLAGE},
          ST_SetSRID(ST_MakePoint(${at.lng}, ${at.lat}), 4326),
          ${extra.boundary ? sql`ST_MakeEnvelope(${extra.boundary[0]}, ${extra.boundary[1]}, ${extra.boundary[2]}, ${extra.boundary[3]}, 4326)` : sql`null`},
          ${extra.buildingId ?? null}, ${office}) returning id`,
  );
  return f!.id;
}

beforeAll(async () => {
  handle = await createTestDb();
  const world = await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  ids.jiangnan = await insertBuilding('西区清香坪街道清香坪社区 江南西路 253 号 1 栋', 101.583, 26.507, [
    '1单元101',
    '2单元202',
  ]);
  ids.tuanjie1 = await insertBuilding('西区清香坪街道清香坪社区 团结东路 87 号 1 栋', 101.585, 26.507);
  ids.tuanjie2 = await insertBuilding('西区清香坪街道清香坪社区 团结东路 87 号 2 栋', 101.5862, 26.507);
  // The 社区 office stands on the village centre (101.585, 26.505) that an address naming only the 社区 is placed at.
  ids.committee = await insertBuilding('西区清香坪街道清香坪社区 竹湖巷 3 号 1 栋', 101.5847, 26.5047);
  const marketBuilding = await insertBuilding('西区清香坪街道清香坪社区 竹湖巷 9 号 1 栋', 101.5885, 26.5085);
  ids.compound = await insertFacility(
    'residential_compound',
    '江南西苑小区',
    JIANGNAN,
    world.offices.xiquGov,
    {
      boundary: [101.5825, 26.5065, 101.5845, 26.5085],
    },
  );
  // A school whose point falls inside a building it is not recorded in (a point facility).
  ids.school = await insertFacility(
    'school',
    '清香坪小学校',
    { lng: 101.5865, lat: 26.5073 },
    world.offices.xiquGov,
  );
  ids.market = await insertFacility(
    'market',
    '清香坪农贸市场',
    { lng: 101.5888, lat: 26.5088 },
    world.offices.xiquGov,
    { buildingId: marketBuilding },
  );
});
afterAll(async () => {
  await handle?.close();
});

describe('Open311 POST with lat/long from a phone', () => {
  it('links the building whose footprint holds the point, and the household the text names', async () => {
    const c = await file({
      service_code: 'SL01',
      lat: JIANGNAN.lat,
      long: JIANGNAN.lng,
      description: '江南西路253号1栋2单元202，自来水发黄有股铁锈味，烧开了还有沉淀，不敢喝。',
      phone: '13908123456',
      last_name: '周',
      first_name: '建华',
      email: 'zhou@example.cn',
    });
    expect(c).toMatchObject({
      location_precision: 'point',
      category_code: 'SL01',
      status: 'dispatched',
      building_id: ids.jiangnan,
      household_unit: '2单元202',
      building_link_method: 'footprint',
      facility_id: ids.compound,
      facility_link_method: 'facility_area',
    });
    expect(c.responsible_office_id).not.toBeNull();
    // Dispatched the same day (within 24 hours), first reply due after it.
    const dispatchDue = new Date(c.dispatch_due_at!).getTime();
    expect(dispatchDue - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(new Date(c.first_reply_due_at!).getTime()).toBeGreaterThan(dispatchDue);
  });

  it('converts a WeChat GCJ-02 point (attribute[datum]) back onto the same building', async () => {
    const [lng, lat] = wgs84ToGcj02(JIANGNAN.lng, JIANGNAN.lat);
    const c = await file({
      service_code: 'WY01',
      lat,
      long: lng,
      'attribute[datum]': 'gcj02',
      description: '楼道灯坏了一个多月物业一直不修，晚上上楼只能摸黑。',
    });
    expect(c.building_id).toBe(ids.jiangnan);
    expect(c.lng).toBeCloseTo(JIANGNAN.lng, 5);
    expect(c.lat).toBeCloseTo(JIANGNAN.lat, 5);
  });

  it('takes a request without service_code (triage reads the category) as a JSON body', async () => {
    const c = await file(
      {
        lat: JIANGNAN.lat,
        long: JIANGNAN.lng,
        description: '我们这栋楼从昨天早上开始停水，到现在还没来水，家里老人做饭洗漱都成问题。',
        attribute: { anonymous: true },
      },
      true,
    );
    expect(c.category_code).toMatch(/^SD|^SL/);
    expect(c.building_id).toBe(ids.jiangnan);
  });
});

describe('Open311 POST with address_string alone', () => {
  it('a full street address with a unit: that building by address, its household, the compound around it', async () => {
    const c = await file(
      {
        service_code: 'ZJ01',
        address_string: '西区清香坪街道江南西路253号1栋1单元101',
        description: '楼顶防水层老化，一下雨顶楼天花板就漏水，墙皮都泡掉了。',
      },
      true,
    );
    expect(c).toMatchObject({
      location_precision: 'building',
      building_id: ids.jiangnan,
      household_unit: '1单元101',
      building_link_method: 'address',
      building_link_confidence: 0.8,
      facility_id: ids.compound,
    });
    expect(c.notice).toContain('按地址定位到楼栋');
  });

  it('one street number of two buildings: between them, the nearer one linked by address with lower confidence', async () => {
    const c = await file({
      service_code: 'AQ02',
      address_string: '团结东路87号',
      description: '楼下饭馆把液化气罐摆在人行道上，旁边还有人抽烟，太吓人了。',
    });
    expect(c.location_precision).toBe('building');
    expect([ids.tuanjie1, ids.tuanjie2]).toContain(c.building_id);
    expect(c.building_link_method).toBe('address');
    expect(c.building_link_confidence).toBeLessThan(0.8);
    expect(c.notice).toContain('2 栋楼');
  });

  it('a facility name: the facility by its name, not by its own point; the building it occupies as a landmark', async () => {
    const c = await file({
      service_code: 'SC01',
      address_string: '清香坪农贸市场',
      description: '市场里有摊位卖的猪肉没有检疫章，摊主说是自家杀的。',
    });
    expect(c).toMatchObject({
      location_precision: 'facility',
      facility_id: ids.market,
      facility_link_method: 'name_mention',
      building_link_method: 'address',
      building_link_confidence: 0.5,
    });
    expect(c.facility_link_confidence).toBeLessThan(0.98);
    expect(c.facility_link_confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('a 社区 alone: its centre, said to be approximate, and no building even on that centre, also when relinked', async () => {
    const c = await file({
      service_code: 'NY03',
      address_string: '西区清香坪街道清香坪社区',
      description: '社区背后的沟里有人乱倒建筑垃圾，堆了一大片，下雨就冲到路上。',
    });
    expect(c.location_precision).toBe('village');
    expect(c.lng).toBeCloseTo(101.585, 6);
    expect(c.building_id).toBeNull();
    expect(c.facility_id).toBeNull();
    expect(c.notice).toContain('近似位置');
    await relinkComplaints(handle.db, { ids: [c.id] });
    const after = await queryRow<{ building_id: number | null }>(
      handle.db,
      sql`select building_id from complaints where id = ${c.id}`,
    );
    expect(after!.building_id).toBeNull();
  });

  it('a school named with its 社区: the school by name, not the building its point falls in', async () => {
    const c = await file({
      service_code: 'JY02',
      address_string: '清香坪社区清香坪小学校',
      description: '学校要求每个学生交300元资料费，不开收据，家长意见很大。',
    });
    expect(c.facility_id).toBe(ids.school);
    expect(c.building_id).toBeNull();
  });

  it('refuses a county alone and malformed JSON with 400, writing nothing', async () => {
    const count = async () =>
      Number((await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from complaints`))!.n);
    const before = await count();
    const county = await post({
      service_code: 'QT03',
      address_string: '西区',
      description: '西区好多路灯晚上都不亮，走夜路很危险。',
    });
    expect(county.status).toBe(400);
    expect((await county.json())[0].description).toContain('address_string');
    const broken = await POST(
      new Request(`${BASE}/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-suqiu-peer': '10.9.0.1' },
        body: '{"service_code":"JT01","lat":26.5',
      }),
      ctx,
    );
    expect(broken.status).toBe(400);
    expect(await count()).toBe(before);
  });
});
