import type { BlobStorage } from './blob-storage';
import { LocalStorage } from './local-storage';
import { S3Storage } from './s3-storage';

const globalForStorage = globalThis as unknown as { __suqiuStorage?: BlobStorage };

/**
 * The configured store. `SUQIU_S3_BUCKET` set → S3-compatible (`SUQIU_S3_ENDPOINT`,
 * `SUQIU_S3_REGION` (default us-east-1), `SUQIU_S3_ACCESS_KEY_ID`, `SUQIU_S3_SECRET_ACCESS_KEY`);
 * otherwise the local folder `SUQIU_STORAGE_DIR` (default `storage/`).
 */
export function getStorage(): BlobStorage {
  if (globalForStorage.__suqiuStorage) return globalForStorage.__suqiuStorage;
  const env = process.env;
  globalForStorage.__suqiuStorage = env.SUQIU_S3_BUCKET
    ? new S3Storage({
        endpoint: env.SUQIU_S3_ENDPOINT ?? 'https://s3.amazonaws.com',
        region: env.SUQIU_S3_REGION ?? 'us-east-1',
        bucket: env.SUQIU_S3_BUCKET,
        accessKeyId: env.SUQIU_S3_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.SUQIU_S3_SECRET_ACCESS_KEY ?? '',
      })
    : new LocalStorage(env.SUQIU_STORAGE_DIR ?? 'storage');
  return globalForStorage.__suqiuStorage;
}
