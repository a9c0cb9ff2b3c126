import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { insertGeographyFixture } from '@/db/seed/complaints/test-fixture';
import { createRng } from '@/db/seed/context';
import { defaultSeedOptions } from '@/db/seed/index';
import { seedTaxonomy } from '@/db/seed/taxonomy';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { rateComplaint } from './rate-complaint.server';
import { reopenComplaint } from './reopen-complaint.server';
import { submitComplaint } from './submit-complaint.server';
import { trackComplaint } from './track-complaint.server';

let handle: DbHandle;
let code = '';

beforeAll(async () => {
  handle = await createTestDb();
  await seedTaxonomy(handle.db, { ...defaultSeedOptions({ log: () => {} }), rng: createRng(1) });
  await insertGeographyFixture(handle.db);
  const r = await submitComplaint(handle.db, {
    description: '楼道灯坏了一个月，晚上上下楼很危险。',
    location: { lng: 101.505, lat: 26.505, datum: 'wgs84' },
    contact: { phone: '13800001234' },
  });
  code = r.trackingCode;
  // The office resolves it (as the workflow would): status, event with the office's answer.
  const office = await queryRow<{ id: number }>(
    handle.db,
    sql`insert into offices (code, name, kind, tier, division_code)
        values ('T-CWH', '大渡口街社区居委会', 'committee', 'village', '510402001002') returning id`,
  );
  await handle.db.execute(sql`update complaints set status = 'resolved', responsible_office_id = ${office!.id},
      resolved_at = now() where id = ${r.id}`);
  await handle.db.execute(sql`insert into complaint_events (complaint_id, type, to_status, actor_office_id, public_note, public)
      values (${r.id}, 'resolved', 'resolved', ${office!.id}, '已更换楼道灯。', true),
             (${r.id}, 'triaged', 'triaged', null, '内部研判意见', false)`);
});
afterAll(async () => {
  await handle?.close();
});

describe('track, rate, reopen', () => {
  it('shows the public timeline with the office and its answer, nothing internal', async () => {
    const t = await trackComplaint(handle.db, { trackingCode: code.toLowerCase(), phoneLast4: '1234' });
    expect(t.status).toBe('resolved');
    expect(t.answer).toBe('已更换楼道灯。');
    expect(t.events[0]?.type).toBe('submitted');
    expect(t.events.find((e) => e.type === 'resolved')?.office).toBe('大渡口街社区居委会');
    expect(JSON.stringify(t)).not.toContain('内部研判意见');
    expect(JSON.stringify(t)).not.toContain('13800001234');
    expect(t.canRate).toBe(true);
  });

  it('lists the grade between submission and dispatch when all three share one instant', async () => {
    const c = await queryRow<{ id: number; at: string }>(
      handle.db,
      sql`select e.complaint_id as id, e.created_at::text as at from complaint_events e
          join complaints c on c.id = e.complaint_id
          where c.tracking_code = ${code} and e.type = 'submitted'`,
    );
    await handle.db.execute(
      sql`update complaints set triaged_at = ${c!.at}::timestamptz where id = ${c!.id}`,
    );
    await handle.db.execute(sql`insert into complaint_events (complaint_id, type, to_status, public_note, public, created_at)
        values (${c!.id}, 'dispatched', 'dispatched', '已转办', true, ${c!.at}::timestamptz)`);
    const t = await trackComplaint(handle.db, { trackingCode: code, phoneLast4: '1234' });
    expect(t.events.slice(0, 3).map((e) => e.type)).toEqual(['submitted', 'triaged', 'dispatched']);
  });

  it('answers NOT_FOUND for wrong phone digits, like an unknown code', async () => {
    await expect(trackComplaint(handle.db, { trackingCode: code, phoneLast4: '9999' })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    await expect(trackComplaint(handle.db, { trackingCode: code })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      trackComplaint(handle.db, { trackingCode: '23456789', phoneLast4: '1234' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('locks a code per address, not for the reporter, and answers unknown codes the same way', async () => {
    const attacker = { address: '203.0.113.7' };
    for (let i = 0; i < 10; i++) {
      await expect(
        trackComplaint(handle.db, { trackingCode: code, phoneLast4: String(1000 + i) }, attacker),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(
      trackComplaint(handle.db, { trackingCode: code, phoneLast4: '1234' }, attacker),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // The reporter, from their own address, is not locked out by the attacker's misses.
    const own = await trackComplaint(
      handle.db,
      { trackingCode: code, phoneLast4: '1234' },
      { address: '198.51.100.1' },
    );
    expect(own.status).toBe('resolved');
    // An unknown code: the same NOT_FOUND, then the same 429 (its existence does not leak).
    for (let i = 0; i < 10; i++) {
      await expect(
        trackComplaint(handle.db, { trackingCode: 'ZZZZ2222', phoneLast4: '1234' }, attacker),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(
      trackComplaint(handle.db, { trackingCode: 'ZZZZ2222', phoneLast4: '1234' }, attacker),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('refuses a reopen before an unsatisfied rating', async () => {
    await expect(
      reopenComplaint(handle.db, { trackingCode: code, phoneLast4: '1234', reason: '灯还是不亮' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('rates once (a double tap is a CONFLICT), then reopens back to the office', async () => {
    const creds = { trackingCode: code, phoneLast4: '1234' };
    const results = await Promise.allSettled([
      rateComplaint(handle.db, { ...creds, level: 'unsatisfied', comment: '灯还是不亮' }),
      rateComplaint(handle.db, { ...creds, level: 'unsatisfied', comment: '灯还是不亮' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const n = await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from ratings`);
    expect(n?.n).toBe(1);
    const rated = await trackComplaint(handle.db, creds);
    expect(rated).toMatchObject({ status: 'closed', canRate: false, canReopen: true });
    const reopened = await reopenComplaint(handle.db, { ...creds, reason: '灯还是不亮' });
    expect(reopened.status).toBe('reopened');
    const ev = await queryRow<{ public: boolean }>(
      handle.db,
      sql`select public from complaint_events where type = 'reopened'`,
    );
    expect(ev?.public).toBe(true);
    // Back to the handling office: it is reminded (workflow outbox).
    const note = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from notifications n join offices o on o.id = n.recipient_office_id
          where o.code = 'T-CWH'`,
    );
    expect(note?.n).toBeGreaterThan(0);
    const c = await queryRow<{ reopen_count: number }>(handle.db, sql`select reopen_count from complaints`);
    expect(c?.reopen_count).toBe(1);
  });
});
