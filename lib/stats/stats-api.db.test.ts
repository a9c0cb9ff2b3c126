/**
 * The /api/stats routes end to end (handlers imported, the session mocked): parse → authorize →
 * verb → JSON, the same-origin check and validation of the weights PUT, drill-down through the URL.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getAreas } from '@/app/api/stats/areas/route';
import { GET as getWeights, PUT as putWeights } from '@/app/api/stats/assessment/weights/route';
import { GET as getComplaints } from '@/app/api/stats/complaints/route';
import { GET as getIndicators } from '@/app/api/stats/indicators/route';
import type { DbHandle } from '@/db/client';
import { session } from '@/lib/auth/testing/mock-session';
import { DONGQU, type WorkflowWorld, XIQU } from '@/lib/workflow/testing/fixture';
import { openStatsWorld, type StatsCases } from './testing/stats-fixture';

vi.mock('next/server', async (original) =>
  (await import('@/lib/auth/testing/mock-session')).nextServerOutsideRequest(original),
);
vi.mock('@/lib/auth/current-user.server', async () =>
  (await import('@/lib/auth/testing/mock-session')).currentUserFromSession(),
);

let handle: DbHandle;
let world: WorkflowWorld;
let cases: StatsCases;
const BASE = 'http://localhost:3000';

beforeAll(async () => {
  ({ handle, world, cases } = await openStatsWorld());
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
});
afterAll(async () => {
  await handle?.close();
});

describe('/api/stats', () => {
  it('indicators: 401 without a session, 403 for a handler, 404 outside the jurisdiction, 200 for the leader', async () => {
    const url = `${BASE}/api/stats/indicators?month=2026-01`;
    session.user = null;
    expect((await getIndicators(new Request(url))).status).toBe(401);
    session.user = world.users.handler;
    expect((await getIndicators(new Request(url))).status).toBe(403);
    session.user = world.users.leader;
    expect((await getIndicators(new Request(`${url}&area=${DONGQU}`))).status).toBe(404);
    expect((await getIndicators(new Request(`${BASE}/api/stats/indicators?month=2026-13`))).status).toBe(400);
    const res = await getIndicators(new Request(url));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      area: { code: string };
      indicators: { id: string; value: number }[];
    };
    expect(body.area.code).toBe(XIQU);
    expect(body.indicators.find((i) => i.id === 'volume')?.value).toBe(9);
  });

  it('drill-down lists the cases of a part, by URL', async () => {
    session.user = world.users.leader;
    const res = await getComplaints(
      new Request(
        `${BASE}/api/stats/complaints?indicator=overdue&area=${XIQU}&from=2026-01-01&to=2026-01-31`,
      ),
    );
    const body = (await res.json()) as { total: number; rows: { id: number }[] };
    expect(body.total).toBe(2);
    expect(body.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      [cases.C, cases.G].sort((a, b) => a - b),
    );
    const bad = await getComplaints(new Request(`${BASE}/api/stats/complaints?indicator=nope&month=2026-01`));
    expect(bad.status).toBe(400);
  });

  it('areas: the children of an area inside the jurisdiction', async () => {
    session.user = world.users.leader;
    const body = (await (await getAreas(new Request(`${BASE}/api/stats/areas`))).json()) as {
      area: { code: string };
      children: { code: string }[];
    };
    expect(body.area.code).toBe(XIQU);
    expect(body.children.map((c) => c.code)).toContain('510403001000');
    expect((await getAreas(new Request(`${BASE}/api/stats/areas?parent=${DONGQU}`))).status).toBe(404);
  });

  it('weights: admins PUT same-origin, validated; readers GET', async () => {
    const put = (body: unknown, origin = BASE) =>
      putWeights(
        new Request(`${BASE}/api/stats/assessment/weights`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', origin, cookie: 'suqiu_session=x' },
          body: JSON.stringify(body),
        }),
      );
    session.user = world.users.admin;
    expect(
      (await put({ response: 50, resolution: 25, satisfaction: 25 }, 'https://evil.example')).status,
    ).toBe(403);
    const bad = await put({ response: 50, resolution: 30, satisfaction: 30 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    session.user = world.users.leader;
    expect((await put({ response: 50, resolution: 25, satisfaction: 25 })).status).toBe(403);
    session.user = world.users.admin;
    const ok = await put({ response: 50, resolution: 25, satisfaction: 25 });
    expect(ok.status).toBe(200);
    session.user = world.users.leader;
    expect(
      await (await getWeights(new Request('http://localhost/api/stats/assessment/weights'))).json(),
    ).toEqual({
      weights: { response: 50, resolution: 25, satisfaction: 25 },
    });
    session.user = world.users.handler;
    expect((await getWeights(new Request('http://localhost/api/stats/assessment/weights'))).status).toBe(403);
  });
});
