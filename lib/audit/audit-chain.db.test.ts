import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import type { DbHandle } from '@/db/client';
import { queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { AUDIT } from './actions';
import { anchorAuditHead, readLastAnchor } from './anchor-audit-head.server';
import { GENESIS_HASH } from './canonical';
import { sealAuditChain } from './seal-audit-chain.server';
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

/** Write n records and seal them (tamper tests work on the sealed chain). */
async function writeSealed(n: number, t0?: number): Promise<number[]> {
  const w = await writeSome(n, t0);
  await sealAuditChain(handle.db);
  return w;
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

describe('writeAudit and sealAuditChain', () => {
  it('writes records unsealed; the sealer chains them from the genesis hash in id order', async () => {
    await resetChain();
    const w = await writeSome(5);
    const before = await queryRows<{ seq: unknown; prev_hash: unknown; hash: unknown }>(
      handle.db,
      sql`select seq, prev_hash, hash from audit_log`,
    );
    expect(before.every((r) => r.seq === null && r.prev_hash === null && r.hash === null)).toBe(true);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, count: 0, pending: { count: 5 } });

    expect(await sealAuditChain(handle.db, { batchSize: 2 })).toBe(5);
    const rows = await queryRows<{ id: string; seq: string; prev_hash: string; hash: string }>(
      handle.db,
      sql`select id, seq, prev_hash, hash from audit_log order by seq`,
    );
    expect(rows.map((r) => Number(r.id))).toEqual(w);
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
    const verdict = await verifyAuditChain(handle.db, { batchSize: 2 });
    expect(verdict).toMatchObject({ ok: true, count: 5, pending: { count: 0 } });

    // Later records continue the chain after the head; a seal with nothing to do seals nothing.
    await writeSome(2, Date.UTC(2026, 5, 1));
    expect(await sealAuditChain(handle.db)).toBe(2);
    expect(await sealAuditChain(handle.db)).toBe(0);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, count: 7, head: { seq: 7 } });
  });

  it('is append-only at the database: no edit, no delete, no sealed insert, no second seal', async () => {
    await resetChain();
    await writeSome(2);
    // Unsealed: content cannot change either.
    await expect(handle.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await sealAuditChain(handle.db);
    await expect(handle.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(handle.db.execute(sql`update audit_log set seq = seq + 10`)).rejects.toThrow();
    await expect(handle.db.execute(sql`update audit_log set hash = ${'f'.repeat(64)}`)).rejects.toThrow();
    await expect(handle.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(
      handle.db.execute(sql`insert into audit_log (action, seq, prev_hash, hash)
        values ('auth.login', 99, ${GENESIS_HASH}, ${'f'.repeat(64)})`),
    ).rejects.toThrow();
    // Sealing an unsealed record may set seq and hashes only, together with nothing else.
    const [id] = await writeSome(1, Date.UTC(2026, 6, 1));
    await expect(
      handle.db.execute(
        sql`update audit_log set seq = 3, prev_hash = 'a', hash = 'b', ip = '1.1.1.1' where id = ${id}`,
      ),
    ).rejects.toThrow();
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, count: 2, pending: { count: 1 } });
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
    await sealAuditChain(handle.db);
    const all = await ids();
    expect(all).toHaveLength(4);
    expect(all[2]! - all[1]!).toBe(2); // the rolled-back record consumed an id
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, count: 4 });
  });

  // Only the server runs transactions side by side; PGlite's one connection runs them one at a time.
  it.runIf(process.env.DATABASE_URL)(
    'seals a record whose transaction commits late after the ones sealed before it',
    async () => {
      await resetChain();
      await writeSome(1);
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let lateId = 0;
      const late = handle.db.transaction(async (tx) => {
        lateId = (await writeAudit(tx, { actorUserId: 9, action: AUDIT.export, targetId: 'late' })).id;
        await held; // open while a later record commits and a seal runs
      });
      await vi.waitFor(() => expect(lateId).toBeGreaterThan(0));
      const [early] = await writeSome(1, Date.UTC(2026, 8, 1));
      expect(early).toBeGreaterThan(lateId);
      expect(await sealAuditChain(handle.db)).toBe(2); // the first record and `early`, not the uncommitted one
      release();
      await late;
      expect(await sealAuditChain(handle.db)).toBe(1);
      const order = await queryRows<{ id: string }>(handle.db, sql`select id from audit_log order by seq`);
      expect(order.map((r) => Number(r.id)).slice(1)).toEqual([early, lateId]);
      expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, count: 3, pending: { count: 0 } });
    },
  );

  it('keeps one unbroken chain under concurrent writers and concurrent sealers', async () => {
    await resetChain();
    const writers = Array.from({ length: 24 }, (_, i) =>
      handle.db.transaction(async (tx) => {
        // Some work in the transaction before the audit record, as a real caller has.
        await tx.execute(sql`select pg_sleep(${(i % 4) * 0.005})`);
        await writeAudit(tx, { actorUserId: i, action: AUDIT.authLogin, targetId: i, data: { i } });
      }),
    );
    // Six sealers racing the writers and each other (several app processes each run one), one record
    // per seal: without the chain's lock they read the same head and collide on seq.
    const sealers = Array.from({ length: 6 }, async () => {
      let n = 0;
      for (let round = 0; round < 10; round++) {
        n += await sealAuditChain(handle.db, { batchSize: 1 });
        await new Promise((r) => setTimeout(r, 3));
      }
      return n;
    });
    await Promise.all(writers);
    const sealedByRacers = (await Promise.all(sealers)).reduce((a, b) => a + b, 0);
    const sealedAfter = await sealAuditChain(handle.db);
    expect(sealedByRacers + sealedAfter).toBe(24); // each record sealed exactly once
    const rows = await queryRows<{ seq: string; prev_hash: string }>(
      handle.db,
      sql`select seq, prev_hash from audit_log order by seq`,
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(24); // no two records share a predecessor
    expect(await verifyAuditChain(handle.db, { batchSize: 5 })).toMatchObject({ ok: true, count: 24 });
  });
});

describe('verifyAuditChain catches tampering', () => {
  it('an edited record (content changed, hash left alone)', async () => {
    await resetChain();
    const w = await writeSealed(6);
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
      const w = await writeSealed(4);
      await tamper(sql`update audit_log set ${edit} where id = ${w[1]}`);
      expect(await verifyAuditChain(handle.db)).toMatchObject({
        ok: false,
        broken: { id: w[1], kind: 'edited' },
      });
    }
  });

  it('a deleted record: the next one no longer follows', async () => {
    await resetChain();
    const w = await writeSealed(6);
    await tamper(sql`delete from audit_log where id = ${w[2]}`);
    const v = await verifyAuditChain(handle.db);
    expect(v).toMatchObject({ ok: false, count: 2, broken: { id: w[3], kind: 'deleted' } });
  });

  it('a truncated tail, against the head anchored outside the database', async () => {
    await resetChain();
    const w = await writeSealed(5);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'suqiu-anchor-')), 'audit-head.jsonl');
    const anchor = await anchorAuditHead(handle.db, file, new Date(Date.UTC(2026, 2, 3)));
    expect(anchor?.seq).toBeGreaterThan(0);
    expect(await anchorAuditHead(handle.db, file)).toBeNull(); // unchanged head: nothing appended
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(await readLastAnchor(file)).toEqual(anchor);
    expect(await verifyAuditChain(handle.db, { head: anchor!.hash })).toMatchObject({ ok: true });
    // The two newest records deleted: still a valid chain on its own...
    await tamper(sql`delete from audit_log where id in (${w[3]}, ${w[4]})`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, count: 3 });
    // ...but not against the anchor.
    expect(await verifyAuditChain(handle.db, { head: anchor!.hash })).toMatchObject({
      ok: false,
      count: 3,
      broken: { kind: 'truncated', id: w[2] },
    });
  });

  it('the first records deleted', async () => {
    await resetChain();
    const w = await writeSealed(3);
    await tamper(sql`delete from audit_log where id = ${w[0]}`);
    expect(await verifyAuditChain(handle.db)).toMatchObject({
      ok: false,
      broken: { id: w[1], kind: 'deleted' },
    });
  });

  it('an inserted record, even with a correctly computed hash, in a gap left by a rollback', async () => {
    await resetChain();
    await writeSealed(2);
    await handle.db
      .transaction(async (tx) => {
        await writeAudit(tx, { actorUserId: 1, action: AUDIT.export });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await writeSealed(2, Date.UTC(2026, 4, 1));
    const [a, b] = await ids();
    const gap = b! + 1;
    // A forger who knows the scheme makes room after #b in the chain's order and links a record to
    // #b with a valid hash.
    await tamper(
      sql`update audit_log set seq = seq + 1000 where seq > (select seq from audit_log where id = ${b})`,
    );
    await tamper(sql`update audit_log set seq = seq - 999 where seq > 1000`);
    await tamper(sql`insert into audit_log (id, seq, actor_user_id, action, created_at, prev_hash, hash)
      select ${gap}, p.seq + 1, 5, 'auth.login', '2026-03-02T00:00:05.000Z', p.hash,
        encode(sha256(convert_to(p.hash || '["suqiu-audit-v1",5,"auth.login",null,null,null,null,"2026-03-02T00:00:05.000Z"]', 'UTF8')), 'hex')
      from audit_log p where p.id = ${b}`);
    const v = await verifyAuditChain(handle.db);
    expect(a).toBeLessThan(b!);
    expect(v).toMatchObject({ ok: false, count: 2, broken: { id: gap, kind: 'inserted' } });
  });

  it('an appended record with a made-up hash', async () => {
    await resetChain();
    await writeSealed(2);
    await tamper(sql`insert into audit_log (action, seq, prev_hash, hash)
      select 'auth.login', seq + 1, hash, ${'f'.repeat(64)} from audit_log order by seq desc limit 1`);
    const last = (await ids()).at(-1);
    expect(await verifyAuditChain(handle.db)).toMatchObject({
      ok: false,
      broken: { id: last, kind: 'edited' },
    });
  });
});
