/**
 * Where attachment files live: outside the database, behind one small interface. Local folder by
 * default (`SUQIU_STORAGE_DIR`, default `storage/`); an S3-compatible store (MinIO, OSS, COS, S3)
 * when `SUQIU_S3_BUCKET` is set (see `s3-storage.ts`).
 */
export interface BlobStorage {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Uint8Array, mime: string): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** Keys are generated (never from a file name): `uploads/2026/05/<uuid>.<ext>`. */
export function assertSafeKey(key: string): void {
  if (!/^[a-z0-9/_.-]+$/i.test(key) || key.includes('..') || key.startsWith('/')) {
    throw new Error(`unsafe storage key: ${key}`);
  }
}
