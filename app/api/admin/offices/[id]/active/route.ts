import { officeActiveInput } from '@/lib/admin/admin-input';
import { adminRoute, idParam } from '@/lib/admin/admin-route.server';
import { setOfficeActive } from '@/lib/admin/set-office-active.server';

/** Deactivate or reactivate an office (`{ active }`). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    setOfficeActive(db, user, { id: idParam.parse(raw), ...officeActiveInput.parse(body), ip }),
  );
}
