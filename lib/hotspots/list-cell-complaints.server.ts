import 'server-only';
import type { DbOrTx } from '@/db/client';
import { type ComplaintFilter, listCellComplaints } from '@/db/queries/hotspots';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { resolveAnalysisArea } from './analysis-area';

/** The complaints behind a hot-spot cell, within the caller's jurisdiction. */
export async function listComplaintsInCell(
  db: DbOrTx,
  user: AuthUser,
  params: {
    divisionCode?: string;
    size: number;
    shape: 'square' | 'hexagon';
    i: number;
    j: number;
    filter: ComplaintFilter;
  },
) {
  const divisionCode = resolveAnalysisArea(user, params.divisionCode);
  return listCellComplaints(db, { ...params, divisionCode, scope: complaintScope(user), limit: 200 });
}
