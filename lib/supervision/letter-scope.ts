/**
 * Letters a viewer may read (督办函, alias `l` joined to its case): an inspector those on cases of
 * their scope; a handler those addressed to their office. Everyone else: none. Passed to the letter
 * queries of db/queries/supervision.ts and the workbench's count.
 */
import { type SQL, sql } from 'drizzle-orm';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';

export function letterScope(viewer: Pick<AuthUser, 'id' | 'role' | 'jurisdiction'>): SQL {
  if (viewer.role === 'inspector') return complaintScope(viewer);
  if (viewer.role === 'handler' && viewer.jurisdiction.kind === 'office')
    return sql`l.office_id = ${viewer.jurisdiction.officeId}`;
  return sql`false`;
}
