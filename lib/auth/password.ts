/**
 * Password hashing: argon2id with the OWASP minimum (m = 19 MiB, t = 2, p = 1).
 *
 * Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`), so each hash carries its own
 * parameters: `verifyPassword` works for hashes made with older parameters, and
 * `passwordNeedsRehash` tells the login verb to upgrade them after a successful login.
 * Node-only (native addon); never import from a client component.
 */
import { type Algorithm, hash, parseOptions, type Version, verify } from '@node-rs/argon2';

// The package declares these as ambient const enums (absent at run time): use their values.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1 as Version;

export const PASSWORD_PARAMS = {
  algorithm: ARGON2ID,
  version: VERSION_0X13,
  /** KiB: 19 MiB. */
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

/** Passwords longer than this are refused before hashing (argon2 cost grows with input). */
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_PARAMS);
}

/** True when `password` matches `passwordHash`; false for a wrong password or a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when the hash was made with other parameters than PASSWORD_PARAMS (or cannot be parsed). */
export function passwordNeedsRehash(passwordHash: string): boolean {
  try {
    const p = parseOptions(passwordHash);
    return (
      p.algorithm !== PASSWORD_PARAMS.algorithm ||
      p.version !== PASSWORD_PARAMS.version ||
      p.memoryCost !== PASSWORD_PARAMS.memoryCost ||
      p.timeCost !== PASSWORD_PARAMS.timeCost ||
      p.parallelism !== PASSWORD_PARAMS.parallelism ||
      p.outputLen !== PASSWORD_PARAMS.outputLen
    );
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spend the time of one verification when the username is unknown, so the answer time does not
 * tell whether an account exists.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword('suqiu-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
