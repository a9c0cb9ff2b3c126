import 'server-only';
import { forbidden } from 'next/navigation';
import { requireCurrentUser } from './current-user.server';
import { canOpenPage, type StaffPage } from './pages';
import type { AuthUser } from './types';

/**
 * The signed-in user if they may open `page` (lib/auth/pages.ts); otherwise the staff 403 page
 * (`app/(staff)/forbidden.tsx`, HTTP 403). Call it first in a staff page or layout, awaited.
 */
export async function requirePage(page: StaffPage): Promise<AuthUser> {
  const user = await requireCurrentUser();
  if (!canOpenPage(user, page)) forbidden();
  return user;
}
