import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { insertGeographyFixture } from '@/db/seed/complaints/test-fixture';
import { createRng } from '@/db/seed/context';
import { defaultSeedOptions } from '@/db/seed/index';
import { seedTaxonomy } from '@/db/seed/taxonomy';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { TRACKING_CODE_RE } from '@/lib/complaints/tracking-code';
import { wgs84ToBd09, wgs84ToGcj02 } from '@/lib/geo/convert-datum';
import { AppError } from '@/lib/http/errors';
import { submitComplaint } from './submit-complaint.server';

let handle: DbHandle;
/** Inside the fixture's first village (a 0.01° square at 101.50–101.51 E, 26.50–26.51 N). */
const HERE = { lng: 101.5051234, lat: 26.5049876 };

beforeAll(async () => {
  handle = await createTestDb();
  await seedTaxonomy(handle.db, { ...defaultSeedOptions({ log: () => {} }), rng: createRng(1) });
  await insertGeographyFixture(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

const base = (over: Record<string, unknown> = {}) => ({
  description: '小区门口的自来水管破裂，水流了一整天。',
  location: { ...HERE, datum: 'wgs84' },
  contact: { phone: '13912345678' },
  ...over,
});

async function stored(id: number) {
  return queryRow<Record<string, unknown>>(
    handle.db,
    sql`select ST_X(location) as lng, ST_Y(location) as lat, original_lng, original_lat, location_datum::text as datum,
          county_code, village_code, grid_id, status::text as status, channel::text as channel, kind::text as kind,
          reported_by_user_id, anonymous
        from complaints where id = ${id}`,
  );
}

describe('submitComplaint', () => {
  it('writes the complaint, its contact and a public submitted event, with a readable tracking code', async () => {
    const r = await submitComplaint(handle.db, base());
    expect(r.created).toBe(true);
    expect(r.trackingCode).toMatch(TRACKING_CODE_RE);
    const row = await stored(r.id);
    // 'received' unless the workflow (processNewComplaint, same transaction) has moved it on.
    expect(row).toMatchObject({ channel: 'web', kind: 'complaint', datum: 'wgs84' });
    expect(row?.village_code).toBe('510402001002');
    expect(row?.grid_id).not.toBeNull();
    const contact = await queryRow<{ phone: string; phone_last4: string }>(
      handle.db,
      sql`select phone, phone_last4 from complaint_contacts where complaint_id = ${r.id}`,
    );
    expect(contact).toEqual({ phone: '13912345678', phone_last4: '5678' });
    const events = await queryRows<{ type: string; public: boolean; to_status: string }>(
      handle.db,
      sql`select type, public, to_status::text as to_status from complaint_events
          where complaint_id = ${r.id} order by id limit 1`,
    );
    expect(events).toEqual([{ type: 'submitted', public: true, to_status: 'received' }]);
  });

  it.each([
    ['wgs84', (lng: number, lat: number): [number, number] => [lng, lat]],
    ['gcj02', wgs84ToGcj02],
    ['bd09', wgs84ToBd09],
  ] as const)('converts %s to WGS84 and keeps the original', async (datum, forward) => {
    const [lng, lat] = forward(HERE.lng, HERE.lat);
    const r = await submitComplaint(handle.db, base({ location: { lng, lat, datum } }));
    const row = await stored(r.id);
    expect(Number(row?.lng)).toBeCloseTo(HERE.lng, 6);
    expect(Number(row?.lat)).toBeCloseTo(HERE.lat, 6);
    expect(row?.datum).toBe(datum);
    expect(Number(row?.original_lng)).toBe(lng);
    expect(Number(row?.original_lat)).toBe(lat);
    if (datum !== 'wgs84') expect(Math.abs(lng - HERE.lng)).toBeGreaterThan(0.001);
  });

  it('refuses a point outside the city with a VALIDATION error on location', async () => {
    const before = await count();
    const err = await submitComplaint(
      handle.db,
      base({ location: { lng: 116.4, lat: 39.9, datum: 'wgs84' } }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect((err as AppError).fields?.[0]?.path).toBe('location');
    expect(await count()).toBe(before);
  });

  it('returns the same complaint for a retried idempotency key, also under concurrency', async () => {
    const key = 'retry-key-0001';
    const results = await Promise.all(
      Array.from({ length: 6 }, () => submitComplaint(handle.db, base({ idempotencyKey: key }))),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const n = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from complaints where idempotency_key = ${key}`,
    );
    expect(n?.n).toBe(1);
    const again = await submitComplaint(handle.db, base({ idempotencyKey: key }));
    expect(again).toMatchObject({ id: results[0]!.id, created: false });
  });

  it('refuses the same idempotency key with a different body (CONFLICT)', async () => {
    await submitComplaint(handle.db, base({ idempotencyKey: 'retry-key-0002' }));
    await expect(
      submitComplaint(
        handle.db,
        base({ idempotencyKey: 'retry-key-0002', description: '完全不同的另一件事情。' }),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('stores anonymous reports without a contact and marks misconduct reports', async () => {
    const r = await submitComplaint(
      handle.db,
      base({
        kind: 'misconduct',
        anonymous: true,
        contact: undefined,
        description: '村干部优亲厚友，低保评定不公。',
      }),
    );
    const row = await stored(r.id);
    expect(row).toMatchObject({ kind: 'misconduct', anonymous: true });
    const contact = await queryRow(
      handle.db,
      sql`select 1 from complaint_contacts where complaint_id = ${r.id}`,
    );
    expect(contact).toBeUndefined();
  });

  it('marks a report made by a grid worker on behalf of a resident', async () => {
    const user = await queryRow<{ id: number }>(
      handle.db,
      sql`insert into users (username, display_name, password_hash, role)
          values ('gw-intake-test', '网格员', 'x', 'grid_worker') returning id`,
    );
    const r = await submitComplaint(handle.db, base(), { onBehalfUserId: user!.id });
    const row = await stored(r.id);
    expect(row).toMatchObject({ channel: 'grid_worker', reported_by_user_id: user!.id });
  });
});

async function count(): Promise<number> {
  return (await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from complaints`))!.n;
}
