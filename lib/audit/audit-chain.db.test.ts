import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import type { DbHandle } from '@/db/client';
import { queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { AUDIT } from './actions';
import { GENESIS_HASH } from './canonical';
import { verifyAuditChain } from './verify-audit-chain.server';
import { writeAudit } from './write-audit.server';

let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

/** As a superuser, with the append-only trigger off for this transaction only. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

async function ids(): Promise<number[]> {
  const rows = await queryRows<{ id: string | number }>(handle.db, sql`select id from audit_log order by id`);
  return rows.map((r) => Number(r.id));
}

async function resetChain(): Promise<void> {
  await tamper(sql`delete from audit_log`);
}

async function writeSome(n: number, t0 = Date.UTC(2026, 2, 2)): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await writeAudit(handle.db, {
      actorUserId: i % 3 === 0 ? null : i,
      action: i % 2 ? AUDIT.complaintTransition : AUDIT.authLogin,
      targetType: 'complaint',
      targetId: 1000 + i,
      // Keys in any order, nested, Chinese text, a NUL (dropped), numbers and nulls.
      data: { z: i, a: { y: [1, 2.5, '三'], b: null }, reason: `退回\u0000理由 ${i}`, none: undefined },
      ip: i % 2 ? '10.0.0.9' : null,
      at: new Date(t0 + i * 1234),
    });
    out.push(r.id);
  }
  return out;
}

describe('writeAudit', () => {
  it('starts at the genesis hash and links each record to the one before', async () => {
    await resetChain();
    await writeSome(5);
    const rows = await queryRows<{ prev_hash: string; hash: string }>(
      handle.db,
      sql`select prev_hash, hash from audit_log order by id`,
    );
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
    const verdict = await verifyAuditChain(handle.db, { batchSize: 2 });
    expect(verdict).toMatchObject({ ok: true, count: 5 });
  });

  it('is refused UPDATE and DELETE by the database (append-only)', async () => {
    await expect(handle.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(handle.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it('vanishes with a rolled-back transaction, and the gap it leaves is not a break', async () => {
    await resetChain();
    await writeSome(2);
    await handle.db
      .transaction(async (tx) => {
        await writeAudit(tx, { actorUserId: 1, action: AUDIT.export, data: { rows: 3 } });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await writeSome(2, Date.UTC(2026, 3, 1));
    const all = await ids();
    expect(all).toHaveLength(4);
    expect(all[2]! - all[1]!).toBe(2); // the rolled-back record consumed an id
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, count: 4 });
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await resetChain();
    const writers = Array.from({ length: 24 }, (_, i) =>
      handle.db.transaction(async (tx) => {
        // Some work in the transaction before the audit record, as a real caller has.
        await tx.execute(sql`select pg_sleep(${(i % 4) * 0.005})`);
        await writeAudit(tx, { actorUserId: i, action: AUDIT.authLogin, targetId: i, data: { i } });
      }),
    );
    await Promise.all(writers);
    const rows = await queryRows<{ prev_hash: string }>(handle.db, sql`select prev_hash from audit_log`);
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(24); // no two records share a predecessor
    expect(await verifyAuditChain(handle.db, { batchSize: 5 })).toMatchObject({ ok: true, count: 24 });
  });
});

describe('verifyAuditChain catches tampering', () => {
  it('an edited record (content changed, hash left alone)', async () => {
    await resetChain();
    const w = await writeSome(6);
    await tamper(sql`update audit_log set data = jsonb_set(data, '{z}', '99') where id = ${w[3]}`);
    const v = await verifyAuditChain(handle.db, { batchSize: 4 });
    expect(v).toMatchObject({ ok: false, count: 3, broken: { id: w[3], kind: 'edited' } });
  });

  it('an edited timestamp, actor or IP', async () => {
    for (const edit of [
      sql`created_at = created_at + interval '1 second'`,
      sql`actor_user_id = 77`,
      sql`ip = '1.2.3.4'`,
    ]) {
      await resetChain();
      const w = await writeSome(4);
      await tamper(sql`update audit_log set ${edit} where id = ${w[1]}`);
      expect(await verifyAuditChain(handle.db)).toMatchObject({
        ok: false,
        broken: { id: w[1], kind: 'edited' },
      });
    }
  });

  it('a deleted record: the next one no longer follows', async () => {
    await resetChain();
    const w = await writeSome(6);
    await tamper(sql`delete from audit_log where id = ${w[2]}`);
    const v = await verifyAuditChain(handle.db);
    expect(v).toMatchObject({ ok: false, count: 2, broken: { id: w[3], kind: 'deleted' } });
  });

  it('the first records deleted', async () => {
    await resetChain();
    const w = await writeSome(3);
    await tamper(sql`delete from audit_log where id = ${w[0]}`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({
      ok: false,
      broken: { id: w[1], kind: 'deleted' },
    });
  });

  it('an inserted record, even with a correctly computed hash, in a gap left by a rollback', async () => {
    await resetChain();
    await writeSome(2);
    await handle.db
      .transaction(async (tx) => {
        await writeAudit(tx, { actorUserId: 1, action: AUDIT.export });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await writeSome(2, Date.UTC(2026, 4, 1));
    const [a, b] = await ids();
    const gap = b! + 1;
    // A forger who knows the scheme links a record to #b with a valid hash.
    await tamper(sql`insert into audit_log (id, actor_user_id, action, created_at, prev_hash, hash)
      select ${gap}, 5, 'auth.login', '2026-03-02T00:00:05.000Z', p.hash,
        encode(sha256(convert_to(p.hash || '["suqiu-audit-v1",5,"auth.login",null,null,null,null,"2026-03-02T00:00:05.000Z"]', 'UTF8')), 'hex')
      from audit_log p where p.id = ${b}`);
    const v = await verifyAuditChain(handle.db);
    expect(a).toBeLessThan(b!);
    expect(v).toMatchObject({ ok: false, count: 2, broken: { id: gap, kind: 'inserted' } });
  });

  it('an appended record with a made-up hash', async () => {
    await resetChain();
    await writeSome(2);
    await handle.db.execute(sql`insert into audit_log (action, prev_hash, hash)
      select 'auth.login', hash, ${'f'.repeat(64)} from audit_log order by id desc limit 1`);
    const last = (await ids()).at(-1);
    expect(await verifyAuditChain(handle.db)).toMatchObject({
      ok: false,
      broken: { id: last, kind: 'edited' },
    });
  });
});
