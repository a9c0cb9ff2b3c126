import 'server-only';
import type { Db } from '@/db/client';
import { deleteUploads, lockOrphanUploads } from '@/db/queries/intake';
import type { BlobStorage } from './storage/blob-storage';
import { getStorage } from './storage/get-storage';

/** Uploads not attached to a submitted complaint within this many hours are removed (default 24). */
export const ORPHAN_UPLOAD_HOURS = Number(process.env.SUQIU_UPLOAD_ORPHAN_HOURS ?? 24);

export interface OrphanSweepResult {
  /** Rows and files removed together. */
  removed: number;
  /** Files the store refused to delete: their rows are kept and retried at the next sweep. */
  failed: number;
}

/**
 * Remove uploads nobody attached to a complaint (a form abandoned after uploading, a client that
 * never submitted): file and row together, in batches. Per batch, one transaction locks the rows
 * (a submission claiming one of them waits, then finds it gone and is refused as a whole), deletes
 * the files, then the rows whose files are gone; a file the store fails to delete keeps its row for
 * the next sweep. Deleting a file that is already missing succeeds (both stores), so a batch whose
 * commit failed after its files were deleted is cleaned up by the next run.
 */
export async function sweepOrphanUploads(
  db: Db,
  options: { now?: Date; olderThanHours?: number; batch?: number; storage?: BlobStorage } = {},
): Promise<OrphanSweepResult> {
  const now = options.now ?? new Date();
  const hours = options.olderThanHours ?? ORPHAN_UPLOAD_HOURS;
  const before = new Date(now.getTime() - hours * 3_600_000);
  const storage = options.storage ?? getStorage();
  const batch = options.batch ?? 200;
  const result: OrphanSweepResult = { removed: 0, failed: 0 };
  for (;;) {
    const { removed, failed, locked } = await db.transaction(async (tx) => {
      const rows = await lockOrphanUploads(tx, { before, limit: batch });
      const gone: string[] = [];
      let failedHere = 0;
      for (const row of rows) {
        try {
          await storage.delete(row.storageKey);
          gone.push(row.id);
        } catch {
          failedHere++;
        }
      }
      return { removed: await deleteUploads(tx, gone), failed: failedHere, locked: rows.length };
    });
    result.removed += removed;
    result.failed += failed;
    // A short batch is the last; a batch where nothing could be removed would only repeat itself.
    if (locked < batch || removed === 0) return result;
  }
}
