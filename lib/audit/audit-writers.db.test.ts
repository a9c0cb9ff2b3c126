/**
 * The audit trail's writers: logins (success, failure, lockout), logouts and workflow transitions each
 * append a record in the transaction of the event, and the chain they build verifies.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import type { DbHandle } from '@/db/client';
import { listAuditByAction } from '@/db/queries/audit';
import { createTestDb } from '@/db/testing/test-db';
import { MAX_FAILED_LOGINS } from '@/lib/auth/lockout';
import { login } from '@/lib/auth/login.server';
import { logout } from '@/lib/auth/logout.server';
import { hashPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/http/errors';
import { buildWorkflowWorld, insertCase, type WorkflowWorld } from '@/lib/workflow/testing/fixture';
import { transition } from '@/lib/workflow/transition.server';
import { AUDIT } from './actions';
import { sealAuditChain } from './seal-audit-chain.server';
import { verifyAuditChain } from './verify-audit-chain.server';

let handle: DbHandle;
let world: WorkflowWorld;
const PASSWORD = 'Correct-Horse-9';
const now = new Date('2026-03-03T02:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  const hash = await hashPassword(PASSWORD);
  await handle.db.execute(sql`update users set password_hash = ${hash}`);
});
afterAll(async () => {
  await handle?.close();
});

const records = (action: string) => listAuditByAction(handle.db, { action });

describe('audit writers', () => {
  it('a login, a logout, failures and the lockout they cause', async () => {
    const ok = await login(handle.db, { username: 'h1', password: PASSWORD, now, ip: '10.0.0.1' });
    expect((await records(AUDIT.authLogin))[0]).toMatchObject({
      actorUserId: world.users.handler.id,
      targetType: 'user',
      targetId: String(world.users.handler.id),
      ip: '10.0.0.1',
      createdAt: now.toISOString(),
    });
    await logout(handle.db, { token: ok.token, ip: '10.0.0.1', now });
    expect((await records(AUDIT.authLogout))[0]).toMatchObject({ actorUserId: world.users.handler.id });
    await logout(handle.db, { token: ok.token, now }); // an ended session is not audited twice
    expect(await records(AUDIT.authLogout)).toHaveLength(1);

    await expect(login(handle.db, { username: 'nobody', password: 'x', now })).rejects.toBeInstanceOf(
      AppError,
    );
    expect((await records(AUDIT.authLoginFailed))[0]).toMatchObject({
      actorUserId: null,
      data: { username: 'nobody', reason: 'unknown_user' },
    });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await expect(
        login(handle.db, { username: 'h2', password: 'wrong-password', now: new Date(now.getTime() + i) }),
      ).rejects.toBeInstanceOf(AppError);
    }
    const failed = (await records(AUDIT.authLoginFailed)).filter(
      (r) => r.actorUserId === world.users.handler2.id,
    );
    expect(failed).toHaveLength(MAX_FAILED_LOGINS);
    expect(failed.every((r) => JSON.stringify(r.data).includes('wrong_password'))).toBe(true);
    expect(JSON.stringify(failed)).not.toContain('wrong-password'); // never the password typed
    expect((await records(AUDIT.authLockout))[0]).toMatchObject({ actorUserId: world.users.handler2.id });
    await expect(login(handle.db, { username: 'h2', password: PASSWORD, now })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect((await records(AUDIT.authLoginFailed))[0]).toMatchObject({ data: { reason: 'locked' } });
  });

  it('a transition, with the verb, statuses and actor; a refused one leaves nothing', async () => {
    const id = await insertCase(handle.db, { status: 'dispatched', officeId: world.offices.health });
    const before = (await records(AUDIT.complaintTransition)).length;
    await transition(handle.db, {
      complaintId: id,
      verb: 'accept',
      actor: { kind: 'user', user: world.users.handler },
      input: {},
      now,
      ip: '10.0.0.7',
    });
    const [rec] = await records(AUDIT.complaintTransition);
    expect(rec).toMatchObject({
      actorUserId: world.users.handler.id,
      targetType: 'complaint',
      targetId: String(id),
      ip: '10.0.0.7',
      data: { verb: 'accept', from: 'dispatched', to: 'accepted', actor: 'user' },
    });
    await expect(
      transition(handle.db, {
        complaintId: id,
        verb: 'accept',
        actor: { kind: 'user', user: world.users.handler },
        input: {},
        now,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await records(AUDIT.complaintTransition)).length).toBe(before + 1);
  });

  it('all of it forms one intact chain once sealed', async () => {
    await sealAuditChain(handle.db);
    const verdict = await verifyAuditChain(handle.db, { batchSize: 3 });
    expect(verdict.ok).toBe(true);
    expect(verdict.ok && verdict.count).toBeGreaterThan(10);
  });
});
