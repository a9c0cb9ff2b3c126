/** Sessions: rows keyed by the SHA-256 of the cookie token (see lib/auth/session.ts). */
import { eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { sessions } from '../schema';

export async function insertSession(
  db: DbOrTx,
  params: {
    id: string;
    userId: number;
    createdAt: Date;
    expiresAt: Date;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<void> {
  await db.insert(sessions).values({
    id: params.id,
    userId: params.userId,
    createdAt: params.createdAt,
    lastSeenAt: params.createdAt,
    expiresAt: params.expiresAt,
    ip: params.ip ?? null,
    userAgent: params.userAgent ?? null,
  });
}

export async function getSession(db: DbOrTx, params: { id: string }) {
  const rows = await db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(eq(sessions.id, params.id))
    .limit(1);
  return rows[0] ?? null;
}

/** Slide the idle expiry. */
export async function touchSession(
  db: DbOrTx,
  params: { id: string; lastSeenAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: params.lastSeenAt, expiresAt: params.expiresAt })
    .where(eq(sessions.id, params.id));
}

/** Delete one session; returns its user's id, or null when there was no such session. */
export async function deleteSession(db: DbOrTx, params: { id: string }): Promise<number | null> {
  const rows = await db
    .delete(sessions)
    .where(eq(sessions.id, params.id))
    .returning({ userId: sessions.userId });
  return rows[0]?.userId ?? null;
}

/** Sign a user out everywhere (password change, disabling). */
export async function deleteUserSessions(db: DbOrTx, params: { userId: number }): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, params.userId));
}

/** Housekeeping: drop sessions expired at `now`; returns how many. */
export async function deleteExpiredSessions(db: DbOrTx, params: { now: Date }): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(lte(sessions.expiresAt, params.now))
    .returning({ id: sessions.id });
  return rows.length;
}
