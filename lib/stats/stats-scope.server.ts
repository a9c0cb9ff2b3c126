import 'server-only';
import type { StatsScope } from '@/db/queries/stats';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';

/** Who reads a statistic: any user (the policy needs only id, role and jurisdiction). */
export type Viewer = Pick<AuthUser, 'id' | 'role' | 'jurisdiction'>;

/** The viewer's scope as the statistics queries take it (db/ never imports the policy). */
export function statsScope(viewer: Viewer): StatsScope {
  const j = viewer.jurisdiction;
  return {
    complaintScope: complaintScope(viewer),
    divisionCode: j.kind === 'division' ? j.divisionCode : null,
  };
}
