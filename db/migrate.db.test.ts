import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './client';
import { queryRows } from './sql';
import { createTestDb } from './testing/test-db';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe('migrations', () => {
  it('create PostGIS and every table, with SRID 4326 geometry columns', async () => {
    const version = await queryRows(handle.db, sql`select postgis_lib_version() as v`);
    expect(String(version[0]?.v)).toMatch(/^3\./);
    const geoms = await queryRows(
      handle.db,
      sql`select f_table_name as t, f_geometry_column as c, srid, type from geometry_columns order by 1, 2`,
    );
    expect(geoms.length).toBeGreaterThanOrEqual(8);
    // Storage is WGS84; the one exception is the generated metric copy of complaint locations.
    for (const row of geoms)
      expect(row.srid).toBe(row.t === 'complaints' && row.c === 'location_m' ? 4543 : 4326);
    const tables = await queryRows(
      handle.db,
      sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name <> 'spatial_ref_sys'`,
    );
    expect(tables[0]?.n).toBeGreaterThanOrEqual(26);
  });

  it('puts a GiST index on every geometry column', async () => {
    const missing = await queryRows(
      handle.db,
      sql`
      select g.f_table_name as t, g.f_geometry_column as c from geometry_columns g
      where g.f_table_schema = 'public' and not exists (
        select 1 from pg_indexes i where i.tablename = g.f_table_name
          and i.indexdef ilike '%using gist%' and i.indexdef like '%(' || g.f_geometry_column || ')%')`,
    );
    expect(missing).toEqual([]);
  });

  it('keeps complaint events append-only', async () => {
    await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location)
      values ('TESTAPPEND', 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.7, 26.58), 4326))`);
    await handle.db.execute(sql`insert into complaint_events (complaint_id, type)
      select id, 'submitted' from complaints where tracking_code = 'TESTAPPEND'`);
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
      );
    expect(await failure(handle.db.execute(sql`update complaint_events set type = 'x'`))).toMatch(
      /append-only/,
    );
    expect(await failure(handle.db.execute(sql`delete from complaint_events`))).toMatch(/append-only/);
  });
});
