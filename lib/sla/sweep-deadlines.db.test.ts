import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { buildWorkflowWorld, insertCase, type WorkflowWorld } from '@/lib/workflow/testing/fixture';
import { sweepDeadlines } from './sweep-deadlines.server';

let handle: DbHandle;
let world: WorkflowWorld;
const H = 3_600_000;
const t0 = new Date('2026-03-10T02:00:00Z');
let a = 0;
let b = 0;

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  // a: resolve due at t0 + 30 h (due soon at t0), first reply already sent.
  a = await insertCase(handle.db, { status: 'in_progress', officeId: world.offices.health });
  // b: resolve due at t0 + 100 h; first reply due at t0 + 10 h and not sent.
  b = await insertCase(handle.db, { status: 'accepted', officeId: world.offices.health });
  await handle.db.execute(sql`update complaints set first_replied_at = ${t0.toISOString()}::timestamptz,
    first_reply_due_at = ${new Date(t0.getTime() - H).toISOString()}::timestamptz,
    resolve_due_at = ${new Date(t0.getTime() + 30 * H).toISOString()}::timestamptz where id = ${a}`);
  await handle.db.execute(sql`update complaints set
    first_reply_due_at = ${new Date(t0.getTime() + 10 * H).toISOString()}::timestamptz,
    resolve_due_at = ${new Date(t0.getTime() + 100 * H).toISOString()}::timestamptz where id = ${b}`);
});
afterAll(async () => {
  await handle?.close();
});

const warnings = async () =>
  (
    await queryRows<{ complaint_id: number; type: string; deadline: string }>(
      handle.db,
      sql`select complaint_id, type, data->>'deadline' as deadline from complaint_events
          where type in ('due_soon','overdue') order by id`,
    )
  )
    .map((r) => `${Number(r.complaint_id) === a ? 'a' : 'b'}:${r.deadline}:${r.type}`)
    .sort();

describe('sweepDeadlines', () => {
  it('raises each warning once, across repeated and concurrent runs, and catches up after a gap', async () => {
    const first = await sweepDeadlines(handle.db, { now: t0, dueSoonHours: 48 });
    expect(first).toEqual({ raised: 2, dueSoon: 2, overdue: 0 });
    expect(await warnings()).toEqual(['a:resolve:due_soon', 'b:first_reply:due_soon'].sort());

    // A "restart": the sweep holds no state of its own; running again at the same moment adds nothing,
    // and two sweeps at once (two processes) still add nothing.
    expect((await sweepDeadlines(handle.db, { now: t0 })).raised).toBe(0);
    const both = await Promise.all([
      sweepDeadlines(handle.db, { now: new Date(t0.getTime() + H) }),
      sweepDeadlines(handle.db, { now: new Date(t0.getTime() + H) }),
    ]);
    expect(both.map((r) => r.raised)).toEqual([0, 0]);

    // The process was down for four days: one sweep catches up on everything missed.
    const later = new Date(t0.getTime() + 96 * H);
    const caughtUp = await sweepDeadlines(handle.db, { now: later });
    expect(caughtUp).toEqual({ raised: 3, dueSoon: 1, overdue: 2 });
    expect(await warnings()).toEqual(
      [
        'a:resolve:due_soon',
        'b:first_reply:due_soon',
        'a:resolve:overdue',
        'b:first_reply:overdue',
        'b:resolve:due_soon',
      ].sort(),
    );
    expect((await sweepDeadlines(handle.db, { now: later })).raised).toBe(0);
    const outbox = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from notifications where kind in ('due_soon','overdue') and recipient_office_id = ${world.offices.health}`,
    );
    expect(outbox[0]?.n).toBe(5);
  });

  it('warns about a supervision letter whose response is late', async () => {
    const letterNow = new Date(t0.getTime() + 200 * H);
    await handle.db.execute(sql`insert into supervision_letters (code, complaint_id, office_id, issuing_office_id, reason, issued_at, due_at)
      values ('DB2026000001', ${a}, ${world.offices.health}, ${world.offices.health}, '超期未办结', ${t0.toISOString()}::timestamptz,
        ${new Date(letterNow.getTime() - H).toISOString()}::timestamptz)`);
    const r = await sweepDeadlines(handle.db, { now: letterNow });
    const letterWarnings = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from deadline_alerts where subject_type = 'letter' and level = 'overdue'`,
    );
    expect(letterWarnings[0]?.n).toBe(1);
    expect(r.overdue).toBeGreaterThanOrEqual(1);
  });
});
