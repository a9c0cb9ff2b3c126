import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { DbOrTx } from '@/db/client';
import { insertAttachment } from '@/db/queries/intake';
import { AppError } from '@/lib/http/errors';
import type { BlobStorage } from './storage/blob-storage';
import { getStorage } from './storage/get-storage';
import { stripMediaMetadata } from './strip-media-metadata';
import { type AttachmentKind, kindOfMime, UPLOAD_LIMITS, UPLOAD_MAX_BYTES } from './upload-limits';

export interface StoredUpload {
  id: string;
  kind: AttachmentKind;
  mime: string;
  sizeBytes: number;
}

/** Photos larger than this on their long side are scaled down when re-encoded. */
const PHOTO_MAX_SIDE = 4096;

/**
 * Check one uploaded file by its content (magic bytes, never the name or the declared type), its
 * size for its kind, re-encode photos without their metadata (EXIF, GPS location, XMP), blank the
 * location and device boxes of MP4/MOV/M4A and the tags of MP3/WAV (`stripMediaMetadata`), store it
 * outside the database and record it (not yet attached to a complaint: `submitComplaint` claims it).
 */
export async function storeUpload(
  db: DbOrTx,
  input: { bytes: Uint8Array; declaredKind?: AttachmentKind; uploadedByUserId?: number | null; now?: Date },
  storage: BlobStorage = getStorage(),
): Promise<StoredUpload> {
  const now = input.now ?? new Date();
  if (input.bytes.byteLength === 0) {
    throw new AppError('VALIDATION', 'file: empty upload', [{ path: 'file', message: 'Empty file' }]);
  }
  if (input.bytes.byteLength > UPLOAD_MAX_BYTES) throw tooLarge(UPLOAD_MAX_BYTES);
  const detected = await fileTypeFromBuffer(input.bytes);
  const kind = input.declaredKind ?? (detected ? kindOfMime(detected.mime) : null);
  if (!detected || !kind || !UPLOAD_LIMITS[kind].mimes.includes(detected.mime)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `file: content is ${detected?.mime ?? 'not a recognised format'}; expected ${input.declaredKind ?? 'a photo, video or voice recording'}`,
      [{ path: 'file', message: 'Unsupported file content' }],
    );
  }
  const limit = UPLOAD_LIMITS[kind].maxBytes;
  if (input.bytes.byteLength > limit) throw tooLarge(limit);

  let bytes = input.bytes;
  if (kind === 'photo') bytes = await reencodePhoto(input.bytes, detected.mime);
  // Videos and voice notes: location, device and times blanked where the container allows it in JS
  // (lib/intake/strip-media-metadata.ts says what remains, and why that is acceptable).
  else bytes = stripMediaMetadata(input.bytes, detected.mime).bytes;
  const key = `uploads/${now.toISOString().slice(0, 7).replace('-', '/')}/${randomUUID()}.${detected.ext}`;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await storage.put(key, bytes, detected.mime);
  try {
    const id = await insertAttachment(db, {
      kind,
      mime: detected.mime,
      sizeBytes: bytes.byteLength,
      sha256,
      storageKey: key,
      uploadedByUserId: input.uploadedByUserId ?? null,
      now,
    });
    return { id, kind, mime: detected.mime, sizeBytes: bytes.byteLength };
  } catch (error) {
    await storage.delete(key).catch(() => {});
    throw error;
  }
}

/** Decode and encode again in the same format: sharp writes no metadata unless asked to. */
async function reencodePhoto(bytes: Uint8Array, mime: string): Promise<Uint8Array> {
  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: 60_000_000 })
      .rotate() // apply the EXIF orientation before the EXIF block is dropped
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const out =
      mime === 'image/png'
        ? image.png()
        : mime === 'image/webp'
          ? image.webp({ quality: 85 })
          : image.jpeg({ quality: 85, mozjpeg: false });
    return new Uint8Array(await out.toBuffer());
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: damaged or unreadable image', [
      { path: 'file', message: 'Damaged image' },
    ]);
  }
}

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `file: larger than ${Math.round(limit / 1024 / 1024)} MB`, [
    { path: 'file', message: 'File too large' },
  ]);
}
