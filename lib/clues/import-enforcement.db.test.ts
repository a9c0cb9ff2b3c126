import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { listFacilityEnforcement } from '@/db/queries/clues';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { importEnforcementCsv } from './import-enforcement.server';
import { enforcementFindings } from './score-findings';

let handle: DbHandle;
const COUNTY = '510403000000';
const area = JSON.stringify({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [101.5, 26.5],
        [101.6, 26.5],
        [101.6, 26.6],
        [101.5, 26.6],
        [101.5, 26.5],
      ],
    ],
  ],
  crs: { type: 'name', properties: { name: 'EPSG:4326' } },
});

beforeAll(async () => {
  handle = await createTestDb();
  await handle.db.execute(
    sql`insert into divisions (code, name, level, boundary, boundary_source) values (${COUNTY}, '西区', 'county', ${area}, 'real')`,
  );
  await handle.db.execute(sql`insert into offices (code, name, kind, tier, division_code) values
    ('510403000000-SCJ', '西区市场监督管理局', 'department', 'county', ${COUNTY}),
    ('510403000000-ZFJ', '西区综合行政执法局', 'department', 'county', ${COUNTY})`);
  await handle.db.execute(sql`insert into facilities (code, kind, name, division_code, location, supervising_office_id)
    select c, 'market', n, ${COUNTY}, ST_SetSRID(ST_MakePoint(101.55, 26.55), 4326), (select id from offices where code = '510403000000-SCJ')
    from (values ('M1', '某农贸市场'), ('M2', '另一农贸市场')) v(c, n)`);
  // 12 complaints at M1 in the last month (linked by name and confirmed by staff), none at M2.
  await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location, county_code, facility_id,
      facility_link_method, facility_link_confidence, facility_link_state, submitted_at)
    select 'E' || g, 'web', '缺斤短两', 'd', ST_SetSRID(ST_MakePoint(101.55, 26.55), 4326), ${COUNTY},
      (select id from facilities where code = 'M1'), 'name_mention', 0.9, 'confirmed', now() - interval '10 days'
    from generate_series(1, 12) g`);
});
afterAll(async () => {
  await handle?.close();
});

const csv = `source_ref,facility_code,kind,acted_on,result,amount_yuan,office_code
SCJ-2026-001,M2,inspection,2026-05-14,合格,,
SCJ-2026-002,M2,penalty,2026-06-01T10:00:00+08:00,"罚款，责令整改",5000,510403000000-ZFJ
SCJ-2026-003,NOPE,inspection,2026-05-14,,,
SCJ-2026-004,M1,audit,2026-05-14,,,
SCJ-2026-005,M1,inspection,yesterday,,,
SCJ-2026-006,M1,penalty,2026-05-14,,-3,
SCJ-2026-001,M2,inspection,2026-05-14,,,
,M2,inspection,2026-05-14,,,
SCJ-2026-007,M1,inspection,2999-01-01,,,
`;

describe('importing enforcement records', () => {
  it('loads the valid rows in one go and refuses each bad row with its line and reason', async () => {
    const result = await importEnforcementCsv(handle.db, csv, new Date('2026-11-20T00:00:00Z'));
    expect(result.inserted).toBe(2);
    expect(result.rejected).toEqual([
      { line: 4, reason: 'unknown facility_code "NOPE"' },
      { line: 5, reason: 'kind must be one of inspection, penalty, rectification, warning' },
      { line: 6, reason: 'acted_on "yesterday" is not a date' },
      { line: 7, reason: 'amount_yuan must be a non-negative integer' },
      { line: 8, reason: 'duplicate source_ref SCJ-2026-001 in the file' },
      { line: 9, reason: 'missing source_ref' },
      { line: 10, reason: 'acted_on is in the future' },
    ]);
    const penalty = await queryRow<{ amount: number; office: string; result: string }>(
      handle.db,
      sql`select e.amount_yuan as amount, o.code as office, e.result from enforcement_actions e join offices o on o.id = e.office_id where source_ref = 'SCJ-2026-002'`,
    );
    expect(penalty).toEqual({ amount: 5000, office: '510403000000-ZFJ', result: '罚款，责令整改' });
  });

  it('skips records already loaded on a re-import', async () => {
    const again = await importEnforcementCsv(
      handle.db,
      csv.split('\n').slice(0, 3).join('\n'),
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(again).toEqual({ inserted: 0, alreadyKnown: 2, rejected: [] });
  });

  it('turns "many complaints, no enforcement" into a finding once the office has records', async () => {
    const window = { from: new Date(Date.now() - 90 * 86_400_000), to: new Date(Date.now() + 86_400_000) };
    const rows = await listFacilityEnforcement(handle.db, {
      window,
      minComplaints: 10,
      scope: sql`true`,
      facilityScope: sql`true`,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      facilityName: '某农贸市场',
      complaints: 12,
      enforcementActions: 0,
      officeHasRecords: true,
    });
    expect(enforcementFindings(rows, 10).map((f) => f.key)).toEqual([
      `no_enforcement:${rows[0]!.facilityId}`,
    ]);
  });
});
