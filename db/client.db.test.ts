import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDbHandle } from './client';
import { queryRow } from './sql';

const dir = mkdtempSync(path.join(tmpdir(), 'suqiu-client-'));
if (!process.env.DATABASE_URL) process.env.SUQIU_DATA_DIR = dir;

afterAll(async () => {
  await (await getDbHandle()).close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the client factory', () => {
  it('opens one instance per process, however many first requests arrive at once', async () => {
    const handles = await Promise.all(Array.from({ length: 6 }, () => getDbHandle()));
    for (const h of handles) expect(h).toBe(handles[0]);
    expect(handles[0]?.engine).toBe(process.env.DATABASE_URL ? 'server' : 'embedded');
  });

  it('has applied the migrations on first use (PostGIS is there)', async () => {
    const { db } = await getDbHandle();
    const row = await queryRow<{ ok: boolean }>(
      db,
      sql`select ST_Contains(ST_MakeEnvelope(0, 0, 1, 1, 4326), ST_SetSRID(ST_MakePoint(0.5, 0.5), 4326)) as ok`,
    );
    expect(row?.ok).toBe(true);
  });
});
