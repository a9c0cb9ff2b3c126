import 'server-only';
import { getDb } from '@/db/client';
import { sealAuditChain } from './seal-audit-chain.server';

const g = globalThis as unknown as { __suqiuAuditSealTimer?: ReturnType<typeof setTimeout> };

/**
 * The in-process sealer: seals the audit records written since the last run every `intervalMs`
 * (default 1 s, SUQIU_AUDIT_SEAL_MS; 0 turns it off, e.g. when another process seals). Several
 * processes may run it: the chain's advisory lock lets one seal at a time. One timer per process,
 * even across `next dev` reloads; a run never overlaps the previous one.
 */
export function startAuditSealTimer(intervalMs = Number(process.env.SUQIU_AUDIT_SEAL_MS ?? 1000)): void {
  if (g.__suqiuAuditSealTimer || !(intervalMs > 0)) return;
  const run = async () => {
    try {
      await sealAuditChain(await getDb());
    } catch (error) {
      console.error('audit seal failed', error);
    }
    g.__suqiuAuditSealTimer = setTimeout(run, intervalMs);
    g.__suqiuAuditSealTimer.unref?.();
  };
  g.__suqiuAuditSealTimer = setTimeout(run, intervalMs);
  g.__suqiuAuditSealTimer.unref?.();
}
