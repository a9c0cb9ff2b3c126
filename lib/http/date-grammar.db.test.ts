/**
 * The one date grammar end to end (lib/http/date-range.ts): the same period gives the same complaints
 * on the map (precomputed bins and raw path alike) and in the statistics, a day or a month alike, at
 * the edges of Asia/Shanghai days; anything else is a 400 naming the field, never ignored.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getHotspots } from '@/app/api/analytics/hotspots/route';
import { GET as getCells } from '@/app/api/map/cells/route';
import { GET as getIndicators } from '@/app/api/stats/indicators/route';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing/test-db';
import { session } from '@/lib/auth/testing/mock-session';
import { buildWorkflowWorld, insertCase, type WorkflowWorld, XIQU } from '@/lib/workflow/testing/fixture';

vi.mock('next/server', async (original) =>
  (await import('@/lib/auth/testing/mock-session')).nextServerOutsideRequest(original),
);
vi.mock('@/lib/auth/current-user.server', async () =>
  (await import('@/lib/auth/testing/mock-session')).currentUserFromSession(),
);

let handle: DbHandle;
let world: WorkflowWorld;
const BASE = 'http://localhost:3000';
const CITY = 'bbox=100.9,25.9,102.5,27.4&zoom=12';

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  // Around January 2026 in Asia/Shanghai: two just outside it, three inside (its first and last instants).
  for (const at of [
    '2025-12-31T23:59:00+08:00',
    '2026-01-01T00:00:00+08:00',
    '2026-01-15T12:00:00+08:00',
    '2026-01-31T23:59:59+08:00',
    '2026-02-01T00:00:00+08:00',
  ])
    await insertCase(handle.db, { status: 'received', submittedAt: new Date(at) });
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  session.user = world.users.leader;
});
afterAll(async () => {
  await handle?.close();
});

async function mapTotal(period: string): Promise<{ total: number; source: string }> {
  const res = await getCells(new Request(`${BASE}/api/map/cells?${CITY}&${period}`));
  expect(res.status, period).toBe(200);
  const body = (await res.json()) as { n: number[]; source: string };
  return { total: body.n.reduce((a, b) => a + b, 0), source: body.source };
}

async function statsVolume(period: string): Promise<number> {
  const res = await getIndicators(new Request(`${BASE}/api/stats/indicators?area=${XIQU}&${period}`));
  expect(res.status, period).toBe(200);
  const body = (await res.json()) as { indicators: { id: string; value: number }[] };
  return body.indicators.find((i) => i.id === 'volume')!.value;
}

describe('one date grammar across the APIs', () => {
  it('a month and the days it bounds are the same period, on the bins and on the raw path', async () => {
    expect(await mapTotal('from=2026-01&to=2026-01')).toEqual({ total: 3, source: 'bins' });
    expect(await mapTotal('from=2026-01-01&to=2026-01-31')).toEqual({ total: 3, source: 'bins' });
    // Part of a month: the complaints themselves answer.
    expect(await mapTotal('from=2026-01-02&to=2026-01-31')).toEqual({ total: 2, source: 'raw' });
    expect(await mapTotal('from=2026-01-31&to=2026-01-31')).toEqual({ total: 1, source: 'raw' });
    expect(await mapTotal('from=2025-12-31&to=2026-02-01')).toEqual({ total: 5, source: 'raw' });
    expect(await statsVolume('from=2026-01&to=2026-01')).toBe(3);
    expect(await statsVolume('from=2026-01-01&to=2026-01-31')).toBe(3);
    expect(await statsVolume('month=2026-01')).toBe(3);
    expect(await statsVolume('from=2026-01-31&to=2026-02-01')).toBe(2);
  });

  it('anything else is a 400 that names the field and the form', async () => {
    const cases: [typeof getCells, string, string][] = [
      [getCells, `/api/map/cells?${CITY}&from=2015-01-01x`, 'from'],
      [getCells, `/api/map/cells?${CITY}&from=2015-01-01T00:00:00Z`, 'from'],
      [getCells, `/api/map/cells?${CITY}&to=2026-13`, 'to'],
      [getCells, `/api/map/cells?${CITY}&from=2026-02&to=2026-01`, 'to'],
      [getHotspots, `/api/analytics/hotspots?division=${XIQU}&from=yesterday`, 'from'],
      [getIndicators, `/api/stats/indicators?area=${XIQU}&from=2026-01-01`, 'to'],
      [getIndicators, `/api/stats/indicators?area=${XIQU}&from=2026-01-01&to=2026-1-31`, 'to'],
    ];
    for (const [handler, url, field] of cases) {
      const res = await handler(new Request(`${BASE}${url}`));
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as {
        error: { code: string; message: string; fields?: { path: string }[] };
      };
      expect(body.error.code, url).toBe('VALIDATION');
      expect(
        body.error.fields?.map((f) => f.path),
        url,
      ).toContain(field);
    }
  });
});
