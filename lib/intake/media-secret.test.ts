import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ensureMediaSecretFile,
  MEDIA_SECRET_MISSING,
  mediaSecretPath,
  mediaSecretProblem,
} from './media-secret.mjs';

describe('the demo media secret', () => {
  it('is created once beside the data folder, mode 0600, and read back unchanged', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'suqiu-secret-')), 'pglite');
    const first = ensureMediaSecretFile(dir);
    expect(first.created).toBe(true);
    expect(first.file).toBe(`${dir}.media-secret`);
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const again = ensureMediaSecretFile(dir);
    expect(again).toEqual({ ...first, created: false });
    expect(readFileSync(mediaSecretPath(dir), 'utf8').trim()).toBe(first.secret);
  });

  it('replaces a file too short to be a secret', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'suqiu-secret-')), 'pglite');
    writeFileSync(mediaSecretPath(dir), 'abc\n', { mode: 0o644 });
    const r = ensureMediaSecretFile(dir);
    expect(r.created).toBe(true);
    expect(statSync(r.file).mode & 0o777).toBe(0o600);
  });

  it('names a missing or short production secret', () => {
    expect(mediaSecretProblem({})).toBe(MEDIA_SECRET_MISSING);
    expect(mediaSecretProblem({ SUQIU_MEDIA_SECRET: 'short' })).toBe(MEDIA_SECRET_MISSING);
    expect(mediaSecretProblem({ SUQIU_MEDIA_SECRET: 'x'.repeat(32) })).toBeNull();
  });
});
