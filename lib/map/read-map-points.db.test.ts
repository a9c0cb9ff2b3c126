/**
 * High-zoom complaint points: the view's complaints of the caller's jurisdiction, newest first, with
 * their level-1 category, coordinates rounded to 6 decimals, the total of all matches and
 * `truncated` when there are more than MAX_POINTS.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing/test-db';
import { CODES, divisionUser, insertGeographyAndOffices } from '@/lib/auth/testing/fixtures';
import type { DivisionLevel } from '@/lib/auth/types';
import { EMPTY_FILTER } from './filters';
import { MAX_POINTS, readMapPoints } from './read-map-layers.server';

let handle: DbHandle;
const now = new Date('2026-05-20T10:00:00+08:00');
const VIEW = { west: 101.6, south: 26.6, east: 101.62, north: 26.62 };
const leader = (code: string, level: DivisionLevel) => divisionUser('leader', code, level);

beforeAll(async () => {
  handle = await createTestDb();
  await insertGeographyAndOffices(handle.db);
  await handle.db.execute(sql`insert into categories (code, parent_code, level, name_zh, name_en, color) values
    ('SL', null, 1, '水利', 'Water', '#1677ff'), ('SL01', 'SL', 2, '饮水安全', 'Drinking water', '#1677ff')`);
  await handle.db.execute(sql`insert into urgency_grades (code, name_zh, name_en, rank, color) values
    ('urgent', '紧急', 'u', 2, '#f80'), ('normal', '一般', 'n', 3, '#00f')`);
  // A level-2, a level-1 and no category; one misconduct report; one complaint outside the view.
  await handle.db.execute(sql`insert into complaints (tracking_code, kind, channel, title, description, location,
      county_code, category_code, urgency_code, status, submitted_at, resolve_due_at)
    values
      ('A', 'complaint', 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.6012345678, 26.6012345678), 4326),
        ${CODES.xiqu}, 'SL01', 'urgent', 'in_progress', '2026-05-19T10:00:00+08:00', '2026-05-19T12:00:00+08:00'),
      ('B', 'complaint', 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.605, 26.605), 4326),
        ${CODES.xiqu}, 'SL', 'normal', 'closed', '2026-05-18T10:00:00+08:00', null),
      ('C', 'complaint', 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.61, 26.61), 4326),
        ${CODES.xiqu}, null, null, 'received', '2026-05-20T09:00:00+08:00', null),
      ('M', 'misconduct', 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.61, 26.61), 4326),
        ${CODES.xiqu}, 'SL01', null, 'received', '2026-05-20T09:30:00+08:00', null),
      ('X', 'complaint', 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.7, 26.7), 4326),
        ${CODES.xiqu}, 'SL01', null, 'received', '2026-05-20T09:30:00+08:00', null)`);
});
afterAll(async () => {
  await handle?.close();
});

describe('map points', () => {
  it('the view’s complaints, newest first, with level-1 categories and rounded coordinates', async () => {
    const p = await readMapPoints(handle.db, {
      user: leader(CODES.city, 'city'),
      bbox: VIEW,
      filter: EMPTY_FILTER,
      now,
    });
    expect(p.total).toBe(3);
    expect(p.truncated).toBe(false);
    expect(p.category).toEqual(['', 'SL', 'SL']);
    expect(p.urgency).toEqual([null, 'urgent', 'normal']);
    expect(p.status).toEqual(['received', 'in_progress', 'closed']);
    expect(p.deadline).toEqual(['on_track', 'overdue', 'done']);
    expect(p.lng[1]).toBe(101.601235);
    expect(p.lat[1]).toBe(26.601235);
    expect(p.lng[2]).toBe(101.605);
    expect(p.id.length).toBe(3);
    expect(p.buildingId).toEqual([null, null, null]);
    // Outside the jurisdiction: nothing.
    const none = await readMapPoints(handle.db, {
      user: leader(CODES.dongqu, 'county'),
      bbox: VIEW,
      filter: EMPTY_FILTER,
      now,
    });
    expect(none).toMatchObject({ total: 0, truncated: false, id: [] });
  });

  it('at most MAX_POINTS, the newest, and the total of all', async () => {
    await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location,
        county_code, category_code, submitted_at)
      select 'N' || i, 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.6 + (i % 100) / 10000.0, 26.61), 4326),
        ${CODES.xiqu}, 'SL01', ${now.toISOString()}::timestamptz - make_interval(secs => i)
      from generate_series(1, ${MAX_POINTS + 5}) i`);
    const p = await readMapPoints(handle.db, {
      user: leader(CODES.city, 'city'),
      bbox: VIEW,
      filter: EMPTY_FILTER,
      now,
    });
    expect(p.total).toBe(MAX_POINTS + 5 + 3);
    expect(p.truncated).toBe(true);
    expect(p.id.length).toBe(MAX_POINTS);
    expect(new Set(p.category)).toEqual(new Set(['SL', ''])); // C (no category) is among the newest
  });
});
