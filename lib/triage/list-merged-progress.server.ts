import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listPublicEvents, type PublicEventRow } from '@/db/queries/intake';
import { getMergePrimary } from '@/db/queries/triage';

/**
 * Every reporter of a merged case stays informed: the merged case's tracking page shows the public
 * progress of the case it was merged into (following a chain of merges), from the moment of the
 * merge on. Read-side, so nothing is copied and a later event on the primary shows at once.
 */
export async function listMergedProgress(db: DbOrTx, complaintId: number): Promise<PublicEventRow[]> {
  const primary = await getMergePrimary(db, complaintId);
  if (!primary) return [];
  const events = await listPublicEvents(db, primary.primaryId);
  return events.filter((e) => e.at.getTime() >= primary.mergedAt.getTime() && e.type !== 'submitted');
}
