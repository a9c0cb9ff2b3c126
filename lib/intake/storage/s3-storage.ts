/**
 * An S3-compatible store over plain `fetch` with AWS Signature V4 (path-style URLs, which MinIO,
 * Ceph, Aliyun OSS and Tencent COS in S3 mode accept). Only the three calls Suqiu needs.
 */
import { createHash, createHmac } from 'node:crypto';
import { assertSafeKey, type BlobStorage } from './blob-storage';

export interface S3Config {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

export class S3Storage implements BlobStorage {
  readonly kind = 's3' as const;
  constructor(private readonly config: S3Config) {}

  /** Signed request headers for one call (exported shape for tests). */
  sign(method: string, key: string, body: Uint8Array, extra: Record<string, string>, now = new Date()) {
    assertSafeKey(key);
    const url = new URL(`${this.config.endpoint.replace(/\/$/, '')}/${this.config.bucket}/${key}`);
    const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, '');
    const day = amzDate.slice(0, 8);
    const payloadHash = sha256(body);
    const headers: Record<string, string> = {
      host: url.host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate,
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.toLowerCase(), v])),
    };
    const names = Object.keys(headers).sort();
    const canonical = [
      method,
      url.pathname.split('/').map(encodeURIComponent).join('/'),
      '',
      ...names.map((n) => `${n}:${headers[n]!.trim()}`),
      '',
      names.join(';'),
      payloadHash,
    ].join('\n');
    const scope = `${day}/${this.config.region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
    let k = hmac(`AWS4${this.config.secretAccessKey}`, day);
    for (const part of [this.config.region, 's3', 'aws4_request']) k = hmac(k, part);
    const signature = createHmac('sha256', k).update(toSign).digest('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${this.config.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
    delete headers.host;
    return { url: url.toString(), headers };
  }

  async put(key: string, bytes: Uint8Array, mime: string): Promise<void> {
    const { url, headers } = this.sign('PUT', key, bytes, { 'content-type': mime });
    const res = await fetch(url, { method: 'PUT', headers, body: Buffer.from(bytes) });
    if (!res.ok) throw new Error(`S3 PUT ${key}: ${res.status}`);
  }

  async get(key: string): Promise<Uint8Array | null> {
    const { url, headers } = this.sign('GET', key, new Uint8Array(), {});
    const res = await fetch(url, { headers });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`S3 GET ${key}: ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const { url, headers } = this.sign('DELETE', key, new Uint8Array(), {});
    const res = await fetch(url, { method: 'DELETE', headers });
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key}: ${res.status}`);
  }
}
