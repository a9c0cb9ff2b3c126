import { deadlinePolicyInput } from '@/lib/admin/admin-input';
import { adminRoute, idParam } from '@/lib/admin/admin-route.server';
import { deleteDeadlinePolicy } from '@/lib/admin/delete-deadline-policy.server';
import { saveDeadlinePolicy } from '@/lib/admin/save-deadline-policy.server';

type Ctx = { params: Promise<{ id: string }> };

/** Edit a 时限规则. */
export async function PATCH(request: Request, { params }: Ctx) {
  const raw = (await params).id;
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    saveDeadlinePolicy(db, user, { id: idParam.parse(raw), input: deadlinePolicyInput.parse(body), ip }),
  );
}

/** Remove a 时限规则 (not the catch-all). */
export async function DELETE(request: Request, { params }: Ctx) {
  const raw = (await params).id;
  return adminRoute(request, 'config.manage', ({ db, user, ip }) =>
    deleteDeadlinePolicy(db, user, { id: idParam.parse(raw), ip }),
  );
}
