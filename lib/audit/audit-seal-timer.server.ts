import 'server-only';
import { getDb } from '@/db/client';
import { startBackgroundTask } from '@/lib/system/background-task.server';
import { sealAuditChain } from './seal-audit-chain.server';

/**
 * The in-process sealer: seals the audit records written since the last run every `intervalMs`
 * (default 1 s, SUQIU_AUDIT_SEAL_MS; 0 turns it off, e.g. when another process seals). Several
 * processes may run it: the chain's advisory lock lets one seal at a time.
 */
export function startAuditSealTimer(intervalMs = Number(process.env.SUQIU_AUDIT_SEAL_MS ?? 1000)): void {
  startBackgroundTask({
    name: 'audit seal',
    intervalMs,
    firstRunMs: intervalMs,
    run: async () => {
      await sealAuditChain(await getDb());
    },
  });
}
