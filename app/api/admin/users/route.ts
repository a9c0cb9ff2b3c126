import { adminRoute } from '@/lib/admin/admin-route.server';
import { createUser } from '@/lib/admin/create-user.server';

/** Create a staff account (role, jurisdiction binding, first password). */
export async function POST(request: Request) {
  return adminRoute(request, 'user.manage', ({ db, user, body, ip }) =>
    createUser(db, user, { input: body, ip }),
  );
}
