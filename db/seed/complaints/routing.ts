/** 权责匹配: the resolver lives in lib/routing (shared with the live workflow); built here for the seed. */

import { buildRouter, type Router } from '@/lib/routing/router';
import type { DbOrTx } from '../../client';
import { loadRoutingTable } from '../../queries/routing';

export type { Route, RouteOffice, Router } from '@/lib/routing/router';

/** The router over the seeded routing table. */
export async function loadRouter(db: DbOrTx): Promise<Router> {
  return buildRouter(await loadRoutingTable(db));
}
