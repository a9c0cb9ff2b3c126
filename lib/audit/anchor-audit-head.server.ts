import 'server-only';
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DbOrTx } from '@/db/client';
import { getDb } from '@/db/client';
import { readAuditHead } from '@/db/queries/audit';
import { startBackgroundTask } from '@/lib/system/background-task.server';

/**
 * Anchoring the audit chain outside the database: deleting the newest records leaves a valid
 * shorter chain, which only a head written down elsewhere can expose. Every
 * `SUQIU_AUDIT_ANCHOR_MS` (default 10 min) the head (seq and hash) is appended, when it changed,
 * as one JSON line to `SUQIU_AUDIT_ANCHOR_FILE` (mode 0600; put it on another machine's mount, a
 * WORM bucket's sync folder, or ship it with the logs). `npm run audit:verify -- --head <hash>`
 * (or `--anchor-file <file>`: its last line) then fails with `truncated` if that hash is gone.
 */
export interface AuditAnchor {
  at: string;
  seq: number;
  hash: string;
}

/** The last anchor written to `file`, or null. */
export async function readLastAnchor(file: string): Promise<AuditAnchor | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const lines = text.trim().split('\n').filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const a = JSON.parse(lines[i]!) as AuditAnchor;
      if (typeof a.hash === 'string' && /^[0-9a-f]{64}$/.test(a.hash)) return a;
    } catch {
      // a torn last line (a crash mid-write): the one before counts
    }
  }
  return null;
}

/** Append the chain's head to `file` unless it is already the last anchor; returns what was written. */
export async function anchorAuditHead(
  db: DbOrTx,
  file: string,
  now = new Date(),
): Promise<AuditAnchor | null> {
  const head = await readAuditHead(db);
  if (!head) return null;
  const last = await readLastAnchor(file);
  if (last?.hash === head.hash) return null;
  const anchor: AuditAnchor = { at: now.toISOString(), seq: head.seq, hash: head.hash };
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await appendFile(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return anchor;
}

/** The schedule (instrumentation.ts): off unless SUQIU_AUDIT_ANCHOR_FILE is set. */
export function startAuditAnchorTimer(
  file = process.env.SUQIU_AUDIT_ANCHOR_FILE,
  intervalMs = Number(process.env.SUQIU_AUDIT_ANCHOR_MS ?? 600_000),
): void {
  if (!file) return;
  startBackgroundTask({
    name: 'audit anchor',
    intervalMs,
    firstRunMs: Math.min(intervalMs, 30_000),
    run: async () => {
      await anchorAuditHead(await getDb(), file);
    },
  });
}
