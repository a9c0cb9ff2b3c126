import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  PASSWORD_PARAMS,
  passwordNeedsRehash,
  verifyDummyPassword,
  verifyPassword,
} from './password';

describe('password hashing (argon2id)', () => {
  it('hashes with argon2id and the OWASP parameters, salted', async () => {
    const a = await hashPassword('Suqiu@2026');
    const b = await hashPassword('Suqiu@2026');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(passwordNeedsRehash(a)).toBe(false);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('Suqiu@2026');
    expect(await verifyPassword(h, 'Suqiu@2026')).toBe(true);
    expect(await verifyPassword(h, 'suqiu@2026')).toBe(false);
    expect(await verifyPassword(h, '')).toBe(false);
  });

  it('answers false, not an exception, for a malformed hash', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(passwordNeedsRehash('not-a-hash')).toBe(true);
  });

  it('asks for a rehash when the parameters changed', async () => {
    const weak = await hash('pw', { ...PASSWORD_PARAMS, memoryCost: 4096, timeCost: 1 });
    expect(await verifyPassword(weak, 'pw')).toBe(true);
    expect(passwordNeedsRehash(weak)).toBe(true);
  });

  it('spends a verification on unknown users and always answers false', async () => {
    expect(await verifyDummyPassword('anything')).toBe(false);
  });
});
