import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getAttachment } from '@/db/queries/intake';
import { AppError } from '@/lib/http/errors';
import { verifyAttachmentSignature } from './signed-url';
import type { BlobStorage } from './storage/blob-storage';
import { getStorage } from './storage/get-storage';

/** The bytes of an attachment behind a valid signed link; an invalid or expired link is FORBIDDEN. */
export async function readAttachment(
  db: DbOrTx,
  input: { id: string; exp: string | null; sig: string | null; now?: number },
  storage: BlobStorage = getStorage(),
): Promise<{ mime: string; bytes: Uint8Array }> {
  if (!verifyAttachmentSignature(input.id, input.exp, input.sig, input.now)) {
    throw new AppError('FORBIDDEN', 'Invalid or expired link');
  }
  const row = await getAttachment(db, input.id);
  const bytes = row ? await storage.get(row.storageKey) : null;
  if (!row || !bytes) throw new AppError('NOT_FOUND', 'Attachment not found');
  return { mime: row.mime, bytes };
}
