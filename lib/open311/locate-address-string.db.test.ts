/**
 * Open311 `address_string` alone: located from the city's own buildings, facilities and divisions
 * (the fixture's 西区 › 清香坪街道 › 清香坪社区 and 河门口社区), or refused when it names nothing finer than a county.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { buildWorkflowWorld, XIQU_VILLAGE } from '@/lib/workflow/testing/fixture';
import { locateAddressString } from './locate-address-string.server';

let handle: DbHandle;
let buildingId: number;
let facilityPoint: { lng: number; lat: number };

beforeAll(async () => {
  handle = await createTestDb();
  const world = await buildWorkflowWorld(handle.db);
  const grid = await queryRow<{ id: number }>(
    handle.db,
    sql`select id from grids where village_code = ${XIQU_VILLAGE}`,
  );
  const b = await queryRow<{ id: number }>(
    handle.db,
    sql`insert into buildings (code, grid_id, address, use, floors, footprint, centre)
        values ('QA-B1', ${grid!.id}, '西区清香坪街道清香坪社区 竹湖巷 54 号 1 栋', 'residential', 6,
          ST_MakeEnvelope(101.5101, 26.5071, 101.5107, 26.5077, 4326),
          ST_SetSRID(ST_MakePoint(101.5104, 26.5074), 4326)) returning id`,
  );
  buildingId = b!.id;
  facilityPoint = { lng: 101.5461, lat: 26.5062 };
  await handle.db.execute(
    sql`insert into facilities (code, kind, name, division_code, location, supervising_office_id)
        values ('QA-F1', 'community_health_centre', '河门口街道社区卫生服务中心', '510403003001',
          ST_SetSRID(ST_MakePoint(${facilityPoint.lng}, ${facilityPoint.lat}), 4326), ${world.offices.health})`,
  );
});
afterAll(async () => {
  await handle?.close();
});

describe('locateAddressString', () => {
  it('finds the building whose address the text gives, written the way residents write it', async () => {
    const at = await locateAddressString(handle.db, '攀枝花市西区清香坪竹湖巷54号1栋3单元');
    expect(at).toMatchObject({ precision: 'building', lng: 101.5104, lat: 26.5074 });
    expect(at?.label).toContain('竹湖巷 54 号');
    expect(buildingId).toBeGreaterThan(0);
  });

  it('finds a facility by its name', async () => {
    const at = await locateAddressString(handle.db, '西区河门口街道社区卫生服务中心');
    expect(at).toMatchObject({
      precision: 'facility',
      label: '河门口街道社区卫生服务中心',
      ...facilityPoint,
    });
  });

  it('falls back to the centre of the village or town the text names', async () => {
    const village = await locateAddressString(handle.db, '西区清香坪街道清香坪社区后面那条小路');
    expect(village).toMatchObject({ precision: 'village', label: '清香坪社区' });
    const centre = await queryRow<{ lng: number; lat: number }>(
      handle.db,
      sql`select ST_X(centre) as lng, ST_Y(centre) as lat from divisions where code = ${XIQU_VILLAGE}`,
    );
    expect(village?.lng).toBeCloseTo(Number(centre!.lng), 9);
    expect(village?.lat).toBeCloseTo(Number(centre!.lat), 9);
    // A village named by its stem alone is not trusted without its town or county …
    expect((await locateAddressString(handle.db, '玉泉街道'))?.precision).toBe('town');
    // … and 仁和区-style county names are not read as a town named by its stem.
    expect(await locateAddressString(handle.db, '盐边县')).toBeNull();
  });

  it('returns null when nothing finer than a county is recognised', async () => {
    expect(await locateAddressString(handle.db, '西区')).toBeNull();
    expect(await locateAddressString(handle.db, '某某大街 12 号')).toBeNull();
    expect(await locateAddressString(handle.db, '   ')).toBeNull();
  });
});
