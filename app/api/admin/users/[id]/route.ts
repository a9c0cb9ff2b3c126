import { adminRoute, idParam } from '@/lib/admin/admin-route.server';
import { updateUser } from '@/lib/admin/update-user.server';

/** Change an account's name, role or binding (a changed role or binding ends its sessions). */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  return adminRoute(request, 'user.manage', ({ db, user, body, ip }) =>
    updateUser(db, user, { id: idParam.parse(raw), input: body, ip }),
  );
}
