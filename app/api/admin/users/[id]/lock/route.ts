import { userLockInput } from '@/lib/admin/admin-input';
import { adminRoute, idParam } from '@/lib/admin/admin-route.server';
import { setUserLocked } from '@/lib/admin/set-user-locked.server';

/** Lock (`{ locked: true }`: disabled, sessions ended) or unlock an account. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  return adminRoute(request, 'user.manage', ({ db, user, body, ip }) =>
    setUserLocked(db, user, { id: idParam.parse(raw), ...userLockInput.parse(body), ip }),
  );
}
