import 'server-only';
import type { Tx } from '@/db/client';

/**
 * The seam between intake and the workflow: called in the intake transaction right after a
 * complaint row and its 'submitted' event are written. The workflow (triage → routing → dispatch,
 * deadlines) plugs in here; until it does, a new complaint stays 'received' for manual handling.
 */
export async function processNewComplaint(_tx: Tx, _params: { complaintId: number; now: Date }): Promise<void> {}
