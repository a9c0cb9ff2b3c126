import 'server-only';
import { getDbHandle } from '@/db/client';
import { getHealth } from '@/db/queries/health';

/** Database engine, versions and row counts for /api/health. */
export async function readHealth() {
  const handle = await getDbHandle();
  return { status: 'ok' as const, engine: handle.engine, ...(await getHealth(handle.db)) };
}
