import type { getUserWithBindings } from '@/db/queries/users';
import { jurisdictionOf } from './policy';
import type { AuthUser } from './types';

type UserRow = NonNullable<Awaited<ReturnType<typeof getUserWithBindings>>>;

/** The client-safe view of a user row, with the jurisdiction derived by the policy. */
export function toAuthUser(row: UserRow): AuthUser {
  const jurisdiction = jurisdictionOf(row);
  const jurisdictionName =
    jurisdiction.kind === 'grid'
      ? row.gridName
      : jurisdiction.kind === 'office'
        ? row.officeName
        : jurisdiction.kind === 'division'
          ? row.divisionName
          : null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    jurisdiction,
    jurisdictionName,
  };
}
