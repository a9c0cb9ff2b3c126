import 'server-only';
import type { DbOrTx } from '@/db/client';
import { loadRoutingTable } from '@/db/queries/routing';
import { buildRouter, type Router, type RuleRow } from './router';

/** The router over the stored routing table, `extraRules` replacing stored ones (router.ts `buildRouter`). */
export async function loadRouter(db: DbOrTx, extraRules: readonly RuleRow[] = []): Promise<Router> {
  return buildRouter(await loadRoutingTable(db), extraRules);
}
