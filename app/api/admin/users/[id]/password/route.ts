import { adminRoute, idParam } from '@/lib/admin/admin-route.server';
import { resetUserPassword } from '@/lib/admin/reset-user-password.server';

/** Reset an account's password: a new random one, returned once; sessions end. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  return adminRoute(request, 'user.manage', ({ db, user, ip }) =>
    resetUserPassword(db, user, { id: idParam.parse(raw), ip }),
  );
}
